// Starts the whole local Supabase stack and stops it again, leaving no child process behind.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import type { Server } from "node:http";
import pg from "pg";
import { readAuthConfig } from "./auth/config";
import { createInbox } from "./auth/inbox";
import { createAuthHandler } from "./auth/server";
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from "./config";
import { prepareDatabase } from "./database";
import { createFunctionsRuntime } from "./functions/runtime";
import { SCHEDULE, startSchedule } from "./schedule";
import { createGateway } from "./gateway";
import type { RouteHandler } from "./http";
import type { Logger } from "./log";
import { externalPostgres, startEmbeddedPostgres, type PostgresServer } from "./postgres";
import { supervisePostgrest } from "./postgrest";
import { proxyRequest } from "./proxy";
import { createRealtimeServer } from "./realtime/server";
import { createStorageServer } from "./storage/server";

/** Supabase Storage's default upload limit. */
export const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

export interface StackOptions {
  projectDir: string;
  apiPort: number;
  dbPort: number;
  /** Where the embedded Postgres keeps its data. */
  dataDir: string;
  /** Start from an empty database. */
  reset: boolean;
  /** Use this server instead of starting one. */
  databaseUrl?: string;
  unsafeFastDatabase: boolean;
  watchFunctions: boolean;
  fixtureFiles?: string[];
  /**
   * Extra environment for Edge Functions, as `supabase secrets set` gives a hosted project.
   * Without it, supabase/functions/.env is read, as `supabase functions serve` does.
   */
  functionSecrets?: Record<string, string>;
  /** Largest upload Storage accepts, in bytes (default 50 MB, as on Supabase). */
  storageFileSizeLimit?: number;
  log: Logger;
}

export interface RunningStack {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  dbUrl: string;
  postgres: PostgresServer;
  /** Every process the stack started and still runs: Postgres, PostgREST, function runtimes. */
  childPids(): Promise<number[]>;
  /** Stops an Edge Function's process: its next request starts a fresh one, as a new isolate would. */
  restartFunction(name: string): Promise<void>;
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use (is another stack running?). Stop it, or set SUPABASE_LOCAL_PORT.`) : error),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { log } = options;
  const apiUrl = `http://127.0.0.1:${options.apiPort}`;
  // Undo what has started, newest first, if a later step fails or when the stack stops.
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.splice(0).reverse()) {
      await stopOne().catch((error: unknown) => log.error(`While stopping: ${String(error)}`));
    }
  };

  try {
    const postgres = options.databaseUrl
      ? externalPostgres(options.databaseUrl)
      : await startEmbeddedPostgres({
          dataDir: options.dataDir,
          port: options.dbPort,
          reset: options.reset,
          unsafeFast: options.unsafeFastDatabase,
          log,
        });
    stoppers.push(() => postgres.stop());
    log.info(`Postgres ready on ${postgres.url.replace(/:[^:@/]+@/, ":***@")}`);

    const supabaseDir = path.join(options.projectDir, "supabase");
    const prepared = await prepareDatabase(postgres.url, {
      migrationsDir: path.join(supabaseDir, "migrations"),
      seedFile: path.join(supabaseDir, "seed.sql"),
      fixtureFiles: options.fixtureFiles,
      log,
    });
    for (const file of prepared.applied) log.info(`Applied migration ${file}`);

    const postgrest = await supervisePostgrest({ databaseUrl: postgres.url, jwtSecret: LOCAL_JWT_SECRET, log });
    stoppers.push(() => postgrest.supervisor.stop());

    const pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
    // A pooled connection dropped by a Postgres restart must not crash the stack.
    pool.on("error", (error) => log.error(`auth database connection: ${error.message}`));
    stoppers.push(() => pool.end());

    const functions = await createFunctionsRuntime({
      functionsDir: path.join(supabaseDir, "functions"),
      configFile: path.join(supabaseDir, "config.toml"),
      env: {
        SUPABASE_URL: apiUrl,
        SUPABASE_ANON_KEY: LOCAL_ANON_KEY,
        SUPABASE_SERVICE_ROLE_KEY: LOCAL_SERVICE_ROLE_KEY,
        SUPABASE_DB_URL: postgres.url,
      },
      secrets: options.functionSecrets ?? functionSecretsFile(supabaseDir),
      jwtSecret: LOCAL_JWT_SECRET,
      watch: options.watchFunctions,
      log,
    });
    stoppers.push(() => functions.stop());

    const realtime = await createRealtimeServer({ databaseUrl: postgres.url, jwtSecret: LOCAL_JWT_SECRET, log });
    stoppers.push(() => realtime.stop());

    const storage = createStorageServer({
      databaseUrl: postgres.url,
      jwtSecret: LOCAL_JWT_SECRET,
      // Object bytes sit next to the database's data directory.
      rootDir: path.join(path.dirname(options.dataDir), "storage"),
      fileSizeLimit: options.storageFileSizeLimit ?? DEFAULT_FILE_SIZE_LIMIT,
      log,
    });
    stoppers.push(() => storage.stop());

    const rest: RouteHandler = (req, res, subPath) => proxyRequest(req, res, new URL(subPath, postgrest.url));
    // Emails the auth server sends land in the local inbox (as the CLI's Inbucket), and are announced here.
    const inbox = createInbox((mail) => log.info(`Mail to ${mail.to}: "${mail.subject}" ${mail.links[0] ?? ""} (all mail: ${apiUrl}/inbox)`));
    const authConfig = await readAuthConfig(options.projectDir);
    const gateway = createGateway({
      apiKeys: [LOCAL_ANON_KEY, LOCAL_SERVICE_ROLE_KEY],
      routes: {
        "/rest/v1": rest,
        "/auth/v1": createAuthHandler({ pool, jwtSecret: LOCAL_JWT_SECRET, issuer: `${apiUrl}/auth/v1`, config: authConfig, inbox }),
        "/inbox": inbox.handler,
        "/functions/v1": functions.handler,
        "/storage/v1": storage.handler,
        "/realtime/v1/api": realtime.api,
      },
      upgrades: { "/realtime/v1/websocket": realtime.handleUpgrade },
    });
    await listen(gateway, options.apiPort);
    stoppers.push(() => closeServer(gateway));
    const stopSchedule = startSchedule(apiUrl, LOCAL_SERVICE_ROLE_KEY, SCHEDULE, log);
    stoppers.push(async () => stopSchedule());

    return {
      apiUrl,
      anonKey: LOCAL_ANON_KEY,
      serviceRoleKey: LOCAL_SERVICE_ROLE_KEY,
      jwtSecret: LOCAL_JWT_SECRET,
      dbUrl: postgres.url,
      postgres,
      childPids: async () => {
        const postmaster = await postgres.pid();
        const postgrestPid = postgrest.supervisor.current().child.pid;
        return [
          ...(postmaster ? [postmaster] : []),
          ...(postgrestPid ? [postgrestPid] : []),
          ...(await functions.pids()),
        ];
      },
      restartFunction: (name) => functions.restart(name),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** supabase/functions/.env (the Supabase CLI's place for local function secrets), if there is one. */
function functionSecretsFile(supabaseDir: string): Record<string, string> {
  const file = path.join(supabaseDir, "functions", ".env");
  if (!existsSync(file)) return {};
  return Object.fromEntries(Object.entries(parseEnv(readFileSync(file, "utf8"))).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
