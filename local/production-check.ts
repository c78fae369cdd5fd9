// `npm run check:production` (a CI step): does the app run from a production install? Builds the
// app here, copies the repository's files and the build into an empty folder, installs only
// `dependencies` there (npm install --omit=dev), starts `next start` against a throw-away stack,
// and asks for a page and API routes, signed out and signed in. A runtime import of a
// devDependency fails here, not in production.
import { execFileSync } from "node:child_process";
import { chmod, cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { quietLogger, type Logger } from "./log";
import { freePort, httpOk, waitUntil } from "./net";
import { spawnManaged } from "./processes";
import { SEEDED_PASSWORD, cookieHeader, signInCookies } from "./session-cookies";
import { startStack } from "./stack";

const projectDir = path.resolve(import.meta.dirname, "..");
const DIST_DIR = ".next-production-check";

/** Logs a child's lines to a buffer, printed only if the check fails. */
function bufferedLogger(lines: string[]): Logger {
  const quiet = quietLogger();
  return { ...quiet, child: (name, line) => void lines.push(`[${name}] ${line}`) };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  execFileSync(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
}

async function expectOk(url: string, init: RequestInit, check: (body: string) => boolean, what: string): Promise<void> {
  const response = await fetch(url, { ...init, redirect: "manual" });
  const body = await response.text();
  if (!response.ok || !check(body)) throw new Error(`${what}: ${response.status} ${body.slice(0, 300)}`);
  console.log(`  ok  ${what} (${response.status})`);
}

async function expectRedirect(url: string, init: RequestInit, toPath: string, what: string): Promise<void> {
  const response = await fetch(url, { ...init, redirect: "manual" });
  const location = response.headers.get("location") ?? "";
  if (response.status < 300 || response.status >= 400 || new URL(location, url).pathname !== toPath) {
    throw new Error(`${what}: ${response.status} ${location}`);
  }
  console.log(`  ok  ${what} (${response.status} → ${toPath})`);
}

const lines: string[] = [];
const workDir = await mkdtemp(path.join(os.tmpdir(), "deskops-production-"));
// mkdtemp makes a 0700 directory; Postgres runs as its own user and must reach inside.
await chmod(workDir, 0o755);
const stack = await startStack({
  projectDir,
  apiPort: await freePort(),
  dbPort: await freePort(),
  dataDir: path.join(workDir, "db"),
  reset: true,
  unsafeFastDatabase: true,
  watchFunctions: false,
  log: bufferedLogger(lines),
});
let server: ReturnType<typeof spawnManaged> | undefined;
try {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_PUBLIC_SUPABASE_URL: stack.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  console.log("Building the app (next build)…");
  run(path.join(projectDir, "node_modules", ".bin", "next"), ["build"], projectDir, env);

  const appDir = path.join(workDir, "app");
  console.log(`Copying the repository and the build to ${appDir}, installing dependencies only…`);
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: projectDir, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of tracked) await cp(path.join(projectDir, file), path.join(appDir, file), { recursive: true });
  await cp(path.join(projectDir, DIST_DIR), path.join(appDir, DIST_DIR), { recursive: true });
  run("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts"], appDir, { ...process.env, NODE_ENV: "production" });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = spawnManaged("next start", path.join(appDir, "node_modules", ".bin", "next"), ["start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: appDir,
    env,
    log: bufferedLogger(lines),
  });
  const started = server;
  await waitUntil("next start to answer", async () => {
    if (started.child.exitCode !== null) throw new Error("next start exited");
    return httpOk(`${url}/api/hello`);
  }, 60_000, 250);

  console.log("Asking the production install:");
  await expectRedirect(`${url}/`, {}, "/login", "GET / signed out");
  await expectOk(`${url}/login`, {}, (body) => body.includes("DeskOps") && body.includes("Sign in"), "GET /login (a page)");
  await expectOk(`${url}/api/hello`, {}, (body) => body.includes("Hello"), "GET /api/hello");
  const cookie = cookieHeader(await signInCookies(stack.apiUrl, stack.anonKey, "manager@deskops.local", SEEDED_PASSWORD));
  await expectOk(`${url}/dashboard`, { headers: { cookie } }, (body) => body.includes("MNL-HUB"), "GET /dashboard signed in (a page)");
  await expectOk(`${url}/api/sites`, { headers: { cookie } }, (body) => body.includes("MNL-HUB"), "GET /api/sites signed in");
  console.log("The production install serves pages and API routes.");
} catch (error) {
  console.error(lines.slice(-60).join("\n"));
  console.error(`Production check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await server?.stop();
  await stack.stop();
  await rm(workDir, { recursive: true, force: true });
  await rm(path.join(projectDir, DIST_DIR), { recursive: true, force: true });
}
