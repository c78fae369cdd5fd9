// Boots one throw-away local stack (fresh database in a temp dir, free ports) for the test run,
// and stops it afterwards. Tests reach it through `inject("stack")`.
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { quietLogger } from "../local/log";
import { freePort } from "../local/net";
import { startStack } from "../local/stack";
import { startNext } from "../local/next";
import { SEEDED_PASSWORD, cookieHeader, signInCookies } from "../local/session-cookies";
import { PAGES } from "../lib/navigation";
import { startFakeSheet } from "./helpers/apps-script/processes";

export interface TestStack {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  dbUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: TestStack;
    /** The app (next dev) running against the test stack. */
    nextUrl: string;
    /** Its process id, to watch its memory (the load test). */
    nextPid: number;
    /** Everything the app's server printed, one line each: tests find their request's log line here. */
    nextLogFile: string;
    /** The fake Apps Script web app the stack's google-sheets function delivers to. */
    sheets: { controlUrl: string; webAppUrl: string; secret: string };
  }
}

const projectDir = path.resolve(import.meta.dirname, "..");

/**
 * next dev compiles a page, and its scripts, the first time someone asks for it: on a fresh clone
 * (CI) that is many seconds per page while the tests run in parallel, and a test's "shows up
 * within 10 s" would measure the compiler. Each page and its scripts are asked for once first.
 */
async function compileThePages(appUrl: string, apiUrl: string, anonKey: string): Promise<void> {
  const cookie = cookieHeader(await signInCookies(apiUrl, anonKey, "admin@deskops.local", SEEDED_PASSWORD));
  const paths = ["/login", "/forgot-password", "/status", ...Object.values(PAGES)];
  for (const page of paths) {
    const html = await (await fetch(`${appUrl}${page}`, { headers: { cookie } })).text();
    const scripts = new Set(html.match(/\/_next\/static\/[^"']+?\.js/g) ?? []);
    await Promise.all([...scripts].map(async (script) => (await fetch(`${appUrl}${script}`)).arrayBuffer()));
  }
}

export default async function setup(project: TestProject) {
  const sheetsSecret = `test-sheets-${randomUUID()}`;
  const fakeSheet = await startFakeSheet(sheetsSecret);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "deskops-test-"));
  // mkdtemp makes a 0700 directory; Postgres runs as its own user and must reach inside.
  await chmod(dataDir, 0o755);
  const stack = await startStack({
    projectDir,
    apiPort: await freePort(),
    dbPort: await freePort(),
    dataDir: path.join(dataDir, "db"),
    reset: true,
    unsafeFastDatabase: true,
    watchFunctions: false,
    // Small slices, so the seeded data makes multi-part CSV exports and a cancel lands mid-job.
    functionSecrets: { EXPORT_SLICE_ROWS: "100", GOOGLE_APPS_SCRIPT_WEB_APP_URL: fakeSheet.url, GOOGLE_SHEETS_WEBHOOK_SECRET: sheetsSecret },
    fixtureFiles: ["conformance.sql", "faults.sql"].map((file) => path.join(projectDir, "tests", "fixtures", file)),
    log: quietLogger(),
  });
  project.provide("stack", {
    apiUrl: stack.apiUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    jwtSecret: stack.jwtSecret,
    dbUrl: stack.dbUrl,
  });
  const nextLogFile = path.join(dataDir, "next.log");
  const quiet = quietLogger();
  const nextLog = { ...quiet, child: (name: string, line: string) => (appendFileSync(nextLogFile, `${line}\n`), quiet.child(name, line)) };
  const next = await startNext(stack, { projectDir, mode: "dev", distDir: ".next-e2e", log: nextLog }).catch(async (error: unknown) => {
    await stack.stop();
    fakeSheet.process.kill("SIGTERM");
    throw error;
  });
  await compileThePages(next.url, stack.apiUrl, stack.anonKey);
  // Edits in the fake sheet go to the app's webhook, as the script property tells a real one.
  await fetch(`${fakeSheet.controlUrl}/__property`, { method: "POST", body: JSON.stringify({ key: "DESKOPS_WEBHOOK_URL", value: `${next.url}/api/webhooks/google-sheets` }) });
  project.provide("sheets", { controlUrl: fakeSheet.controlUrl, webAppUrl: fakeSheet.url, secret: sheetsSecret });
  project.provide("nextUrl", next.url);
  project.provide("nextPid", next.pid);
  project.provide("nextLogFile", nextLogFile);
  return async () => {
    await next.stop();
    await stack.stop();
    fakeSheet.process.kill("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  };
}
