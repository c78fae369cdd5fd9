// Boots one throw-away local stack (fresh database in a temp dir, free ports) for the test run,
// and stops it afterwards. Tests reach it through `inject("stack")`.
import { appendFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { quietLogger } from "../local/log";
import { freePort } from "../local/net";
import { startStack } from "../local/stack";
import { startNext } from "../local/next";

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
    /** Everything the app's server printed, one line each: tests find their request's log line here. */
    nextLogFile: string;
  }
}

const projectDir = path.resolve(import.meta.dirname, "..");

export default async function setup(project: TestProject) {
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
    throw error;
  });
  project.provide("nextUrl", next.url);
  project.provide("nextLogFile", nextLogFile);
  return async () => {
    await next.stop();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
