// A second, private stack: it keeps its data between starts, seeds only a fresh database, and
// leaves no process behind when it stops.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { listMigrations } from "@/local/database";
import { quietLogger } from "@/local/log";
import { freePort } from "@/local/net";
import { startStack, type StackOptions } from "@/local/stack";

const projectDir = path.resolve(import.meta.dirname, "../..");
let tempDir: string | undefined;

afterAll(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function count(dbUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe("stack lifecycle", () => {
  it("keeps data across restarts, seeds once, and leaves no orphan process", async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), "deskops-lifecycle-"));
    await chmod(tempDir, 0o755);
    const options: StackOptions = {
      projectDir,
      apiPort: await freePort(),
      dbPort: await freePort(),
      dataDir: path.join(tempDir, "db"),
      reset: false,
      unsafeFastDatabase: true,
      watchFunctions: false,
      log: quietLogger(),
    };

    const first = await startStack(options);
    const seededUsers = await count(first.dbUrl, "select count(*) as n from auth.users");
    // The four demo users of seed.sql, and the Google Sheet's own user (a migration's).
    expect(seededUsers).toBe(5);
    const client = createClient(first.apiUrl, first.anonKey, {
      auth: { persistSession: false },
      realtime: serverRealtime,
    });
    await client.auth.signUp({ email: "kept@example.test", password: "kept-password" });
    // Start a function runtime too, so its process is among those that must stop.
    const health = await client.functions.invoke("health", { method: "GET" });
    expect(health.error).toBeNull();
    const pids = await first.childPids();
    expect(pids.length).toBe(3);
    expect(pids.every(isAlive)).toBe(true);

    await first.stop();
    expect(pids.filter(isAlive)).toEqual([]);

    const second = await startStack(options);
    try {
      expect(await count(second.dbUrl, "select count(*) as n from auth.users")).toBe(seededUsers + 1);
      const migrations = await count(second.dbUrl, "select count(*) as n from supabase_migrations.schema_migrations");
      const files = await listMigrations(path.join(projectDir, "supabase", "migrations"));
      expect(migrations).toBe(files.length);
    } finally {
      await second.stop();
    }
    expect((await second.childPids()).filter(isAlive)).toEqual([]);
  });
});
