// The app on a free 127.0.0.1 port, pointed at a given stack: `next dev` for the tests, or
// `next build` + `next start` for the benchmarks (production is what gets measured). Each use has
// its own build folder, so neither disturbs a developer's `npm run dev`.
import path from "node:path";
import type { Logger } from "./log";
import { freePort, httpOk, waitUntil } from "./net";
import { spawnManaged } from "./processes";

export interface StackKeys {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
}

export interface NextOptions {
  projectDir: string;
  mode: "dev" | "production";
  /** Relative to the project, e.g. ".next-e2e". */
  distDir: string;
  log: Logger;
}

export interface NextServer {
  url: string;
  /** The server's process id, to watch its memory. */
  pid: number;
  stop(): Promise<void>;
}

function appEnv(stack: StackKeys, options: NextOptions): Record<string, string | undefined> {
  return {
    ...process.env,
    NEXT_PUBLIC_SUPABASE_URL: stack.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    NEXT_DIST_DIR: options.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: options.mode === "dev" ? "development" : "production",
  };
}

/** `next build`, with its output kept so a failed build says why. */
async function build(nextBin: string, env: Record<string, string | undefined>, options: NextOptions): Promise<void> {
  const output: string[] = [];
  const builder = spawnManaged("next build", nextBin, ["build"], {
    cwd: options.projectDir,
    env,
    log: { ...options.log, child: (_name, line) => output.push(line) },
  });
  const code = await builder.exited;
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-40).join("\n")}`);
}

export async function startNext(stack: StackKeys, options: NextOptions): Promise<NextServer> {
  const nextBin = path.join(options.projectDir, "node_modules", ".bin", "next");
  const env = appEnv(stack, options);
  if (options.mode === "production") await build(nextBin, env, options);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnManaged(
    `next ${options.mode === "dev" ? "dev" : "start"}`,
    nextBin,
    [options.mode === "dev" ? "dev" : "start", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: options.projectDir, env, log: options.log },
  );
  await waitUntil(`next ${options.mode} to serve the home page`, async () => {
    if (server.child.exitCode !== null) throw new Error(`next ${options.mode} exited during start`);
    return httpOk(url);
  }, 120_000, 250);
  return { url, pid: server.child.pid!, stop: () => server.stop() };
}
