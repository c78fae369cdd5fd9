// Shared by `npm run stack` and `npm run dev`: flags, start-up banner and signal handling.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEFAULT_API_PORT, DEFAULT_DB_PORT } from "./config";
import { writeEnvFileIfMissing } from "./env-file";
import { consoleLogger } from "./log";
import { startStack, type RunningStack } from "./stack";

const projectDir = path.resolve(import.meta.dirname, "..");

/**
 * Loads .env.local into process.env (variables already set win), so the stack and `next dev`
 * read one configuration: DATABASE_URL, SUPABASE_LOCAL_PORT, NEXT_PUBLIC_SUPABASE_URL, ...
 */
export function loadLocalEnv(): void {
  const file = path.join(projectDir, ".env.local");
  if (existsSync(file)) process.loadEnvFile(file);
}

export interface CliFlags {
  reset: boolean;
  verbose: boolean;
}

export function parseFlags(argv: string[]): CliFlags {
  const known = new Set(["--reset", "--verbose"]);
  const unknown = argv.filter((arg) => !known.has(arg));
  if (unknown.length > 0) throw new Error(`Unknown option(s): ${unknown.join(" ")} (known: ${[...known].join(", ")})`);
  return { reset: argv.includes("--reset"), verbose: argv.includes("--verbose") };
}

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name} must be a TCP port, got "${value}"`);
  return port;
}

export async function runStack(flags: CliFlags, watchFunctions: boolean): Promise<RunningStack> {
  const log = consoleLogger({ verbose: flags.verbose });
  const stack = await startStack({
    projectDir,
    apiPort: portFromEnv("SUPABASE_LOCAL_PORT", DEFAULT_API_PORT),
    dbPort: portFromEnv("SUPABASE_LOCAL_DB_PORT", DEFAULT_DB_PORT),
    dataDir: path.join(projectDir, ".local", "db"),
    reset: flags.reset,
    databaseUrl: process.env.DATABASE_URL || undefined,
    unsafeFastDatabase: false,
    watchFunctions,
    storageFileSizeLimit: process.env.STORAGE_FILE_SIZE_LIMIT ? Number(process.env.STORAGE_FILE_SIZE_LIMIT) : undefined,
    log,
  });
  const envFile = path.join(projectDir, ".env.local");
  if (await writeEnvFileIfMissing(envFile, stack)) log.info("Wrote .env.local");
  console.log(
    [
      "",
      "DeskOps local Supabase stack is running.",
      `  API URL:          ${stack.apiUrl}`,
      `  DB URL:           ${stack.dbUrl}`,
      `  anon key:         ${stack.anonKey}`,
      `  service_role key: ${stack.serviceRoleKey}`,
      "",
    ].join("\n"),
  );
  return stack;
}

/** Stops `stop` once on SIGINT / SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[stack] ${signal}: stopping…`);
    stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

