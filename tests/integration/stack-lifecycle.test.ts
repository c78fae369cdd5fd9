// A second, private stack: it keeps its data between starts, seeds only a fresh database, and
// leaves no process behind when it stops.
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { fromPostgrest } from "@/lib/errors";
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

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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
    await createClient(first.apiUrl, first.serviceRoleKey, { auth: { persistSession: false }, realtime: serverRealtime }).auth.admin.createUser({
      email: "kept@example.test",
      password: "kept-password",
      email_confirm: true,
    });
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

      // PostgREST killed: the gateway answers 503 with Retry-After (the app's SERVICE_UNAVAILABLE),
      // and the stack starts it again on the same port, with no one restarting anything by hand.
      const admin = createClient(second.apiUrl, second.serviceRoleKey, { auth: { persistSession: false }, realtime: serverRealtime });
      const [, postgrestPid] = await second.childPids(); // postmaster, PostgREST, functions
      process.kill(postgrestPid!, "SIGKILL");
      await waitFor(() => !isAlive(postgrestPid!));
      const down = await fetch(`${second.apiUrl}/rest/v1/materials?select=id`, { headers: { apikey: second.serviceRoleKey, authorization: `Bearer ${second.serviceRoleKey}` } });
      expect([down.status, down.headers.get("retry-after")]).toEqual([503, "1"]);
      // Inside the first restart's 500 ms delay: what the app's supabase-js sees, and answers. (A
      // POST: supabase-js retries a GET that meets a 503 by itself, which is what reads want.)
      const viaClient = await admin.rpc("sheets_sync_status");
      expect(viaClient.status).toBe(503);
      expect(fromPostgrest(viaClient.error!).toBody()).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      await waitFor(async () => (await admin.from("materials").select("id").limit(1)).status === 200);
      const [, restartedPid] = await second.childPids();
      expect(restartedPid).not.toBe(postgrestPid);

      // A function restarted (the bench does it between export jobs): its process goes, and the
      // next request starts a fresh one.
      const health = () => fetch(`${second.apiUrl}/functions/v1/health`, { headers: { authorization: `Bearer ${second.anonKey}` } });
      expect((await health()).status).toBe(200);
      const [, , functionPid] = await second.childPids();
      await second.restartFunction("health");
      expect(isAlive(functionPid!)).toBe(false);
      expect((await health()).status).toBe(200);
      const [, , freshPid] = await second.childPids();
      expect(freshPid).toBeDefined();
      expect(freshPid).not.toBe(functionPid);

      // Postgres restarted under PostgREST while a client writes: every answer meanwhile is a
      // success or one the app says as 503 (never a 500), and PostgREST reconnects by itself.
      // (The Realtime server is subscribed throughout: a fast shutdown waits until it has confirmed
      // every byte its walsender sent, which once never happened: see local/realtime/changes.ts.)
      const [site] = (await admin.from("sites").select("id").limit(1)).data as Array<{ id: string }>;
      const dispatch = (trip: string) => ({ site_id: site!.id, cluster: "C", processor: "P", station: "S", region: "R", dock_number: "D", lh_trip: trip });
      const answers: string[] = [];
      let restarted = false;
      const restarting = second.postgres.restart().then(() => (restarted = true));
      while (!restarted) {
        const written = await admin.rpc("create_dispatch_batch", { rows: [dispatch(`RESTART-${answers.length}`)], batch_id: randomUUID() }).abortSignal(AbortSignal.timeout(10_000));
        const answer = written.error ? fromPostgrest(written.error).code : "saved";
        answers.push(["saved", "SERVICE_UNAVAILABLE"].includes(answer) ? answer : `${answer} (${written.error?.code}: ${written.error?.message})`);
      }
      await restarting;
      await waitFor(async () => (await admin.rpc("create_dispatch_batch", { rows: [dispatch("RESTART-after")], batch_id: randomUUID() })).error === null);
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.filter((answer) => answer !== "saved" && answer !== "SERVICE_UNAVAILABLE")).toEqual([]);

      // Killed in the middle of a 5,000-row batch: the batch is all or nothing, and sending it
      // again with the same batch id completes it, once.
      const rows = Array.from({ length: 5000 }, (_, index) => dispatch(`KILLED-${index}`));
      const batchId = "5e000000-0000-4000-8000-00000000b47c";
      const inFlight = admin.rpc("create_dispatch_batch", { rows, batch_id: batchId });
      await new Promise((resolve) => setTimeout(resolve, 150));
      process.kill(restartedPid!, "SIGKILL");
      await inFlight; // refused or cut off: what counts is what the database kept
      const saved = () => count(second.dbUrl, `select count(*) as n from public.dispatches where batch_id = '${batchId}'`);
      expect([0, 5000]).toContain(await saved());
      await waitFor(async () => (await admin.from("materials").select("id").limit(1)).status === 200);
      const retried = await admin.rpc("create_dispatch_batch", { rows, batch_id: batchId });
      expect(retried.error).toBeNull();
      expect(await saved()).toBe(5000);
    } finally {
      await second.stop();
    }
    expect((await second.childPids()).filter(isAlive)).toEqual([]);
  }, 120_000); // two stack starts, two PostgREST restarts and a Postgres restart
});
