// Edge Functions on the real Deno runtime: each supabase/functions/<name>/index.ts runs in its
// own Deno process, started on its first request, with the environment Supabase's edge runtime
// gives a function. Deno.serve() listens where DENO_SERVE_ADDRESS says.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { sendJson, type RouteHandler } from "../http";
import { JwtError, bearerToken, verifyJwt } from "../jwt";
import type { Logger } from "../log";
import { freePort, isPortOpen, waitUntil } from "../net";
import { spawnManaged, type ManagedProcess } from "../processes";
import { proxyRequest } from "../proxy";

const require = createRequire(import.meta.url);

export function denoBinary(): string {
  return path.join(path.dirname(require.resolve("deno/package.json")), process.platform === "win32" ? "deno.exe" : "deno");
}

export interface FunctionsOptions {
  functionsDir: string;
  /** supabase/config.toml, for `[functions.<name>] verify_jwt`. */
  configFile: string;
  env: {
    SUPABASE_URL: string;
    SUPABASE_ANON_KEY: string;
    SUPABASE_SERVICE_ROLE_KEY: string;
    SUPABASE_DB_URL: string;
  };
  /** Set with `supabase secrets set` on a hosted project. */
  secrets: Record<string, string>;
  jwtSecret: string;
  /** Restart a function when its files change (development). */
  watch: boolean;
  log: Logger;
}

export interface FunctionsRuntime {
  handler: RouteHandler;
  /** Process ids of the function processes running now. */
  pids(): Promise<number[]>;
  /** Stops a function's process if it runs: its next request starts a fresh one. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface RunningFunction {
  port: number;
  process: ManagedProcess;
}

// What a function inherits from the stack's environment: where to find things and how to reach
// the network. Everything else it sees is what Supabase's edge runtime would give it.
const INHERITED_ENV = [
  "PATH", "HOME", "DENO_DIR", "DENO_CERT", "SSL_CERT_FILE", "SSL_CERT_DIR",
  "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
];

function passThroughEnv(): Record<string, string | undefined> {
  return Object.fromEntries(INHERITED_ENV.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}

const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

async function functionsWithoutJwtCheck(configFile: string): Promise<Set<string>> {
  const text = await readFile(configFile, "utf8").catch(() => "");
  const config = text ? parseToml(text) : {};
  const functions = (config.functions ?? {}) as Record<string, { verify_jwt?: boolean }>;
  return new Set(Object.entries(functions).filter(([, settings]) => settings.verify_jwt === false).map(([name]) => name));
}

export async function createFunctionsRuntime(options: FunctionsOptions): Promise<FunctionsRuntime> {
  const running = new Map<string, Promise<RunningFunction>>();
  const openFunctions = await functionsWithoutJwtCheck(options.configFile);

  async function start(name: string): Promise<RunningFunction> {
    const port = await freePort();
    const args = ["run", "--allow-all", "--no-prompt", ...(options.watch ? ["--watch"] : []), "index.ts"];
    const child = spawnManaged(`fn:${name}`, denoBinary(), args, {
      cwd: path.join(options.functionsDir, name),
      env: {
        ...passThroughEnv(),
        // Trust the machine's CA store too: npm: imports are fetched through it.
        DENO_TLS_CA_STORE: "system,mozilla",
        NO_COLOR: "1",
        DENO_NO_UPDATE_CHECK: "1",
        DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
        ...options.secrets,
        ...options.env,
      },
      log: options.log,
    });
    void child.exited.then(() => running.delete(name));
    try {
      await waitUntil(`function "${name}" to listen`, async () => {
        if (child.child.exitCode !== null) throw new Error(`Function "${name}" exited during start; see its log`);
        return isPortOpen(port);
      }, 60_000);
    } catch (error) {
      await child.stop();
      throw error;
    }
    return { port, process: child };
  }

  function ensureRunning(name: string): Promise<RunningFunction> {
    let entry = running.get(name);
    if (!entry) {
      entry = start(name);
      entry.catch(() => running.delete(name));
      running.set(name, entry);
    }
    return entry;
  }

  const handler: RouteHandler = async (req, res, subPath) => {
    const url = new URL(subPath, "http://local");
    const name = url.pathname.split("/")[1] ?? "";
    if (!FUNCTION_NAME.test(name) || !existsSync(path.join(options.functionsDir, name, "index.ts"))) {
      return sendJson(res, 404, { code: "NOT_FOUND", message: "Requested function was not found" });
    }
    if (!openFunctions.has(name)) {
      const token = bearerToken(req.headers.authorization);
      if (!token) return sendJson(res, 401, { msg: "Error: Missing authorization header" });
      try {
        verifyJwt(token, options.jwtSecret, Math.floor(Date.now() / 1000));
      } catch (error) {
        if (error instanceof JwtError) return sendJson(res, 401, { msg: "Invalid JWT" });
        throw error;
      }
    }
    let target: RunningFunction;
    try {
      target = await ensureRunning(name);
    } catch (error) {
      options.log.error((error as Error).message);
      return sendJson(res, 503, { code: "BOOT_ERROR", message: "Function failed to start (please check logs)" });
    }
    await proxyRequest(req, res, new URL(`${url.pathname}${url.search}`, `http://127.0.0.1:${target.port}`));
  };

  return {
    handler,
    pids: async () => {
      const entries = await Promise.allSettled(running.values());
      return entries.flatMap((entry) => (entry.status === "fulfilled" && entry.value.process.child.pid ? [entry.value.process.child.pid] : []));
    },
    restart: async (name) => {
      const entry = running.get(name);
      if (!entry) return;
      const fn = await entry.catch(() => null);
      await fn?.process.stop();
      if (running.get(name) === entry) running.delete(name);
    },
    stop: async () => {
      const entries = await Promise.allSettled(running.values());
      await Promise.all(
        entries.flatMap((entry) => (entry.status === "fulfilled" ? [entry.value.process.stop()] : [])),
      );
    },
  };
}
