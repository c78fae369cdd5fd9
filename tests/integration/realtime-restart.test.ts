// Realtime on a private stack: a Postgres restart during a subscription loses no committed
// change, and a socket whose heartbeats stop is closed.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { LOCAL_ANON_KEY } from "@/local/config";
import { createGateway } from "@/local/gateway";
import { quietLogger } from "@/local/log";
import { freePort } from "@/local/net";
import { SEEDED_PASSWORD } from "@/local/session-cookies";
import { createRealtimeServer } from "@/local/realtime/server";
import { startStack, type RunningStack } from "@/local/stack";
import { subscribe } from "../helpers/realtime";

const projectDir = path.resolve(import.meta.dirname, "../..");
let tempDir: string;
let stack: RunningStack;

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), "deskops-realtime-"));
  await chmod(tempDir, 0o755);
  stack = await startStack({
    projectDir,
    apiPort: await freePort(),
    dbPort: await freePort(),
    dataDir: path.join(tempDir, "db"),
    reset: true,
    unsafeFastDatabase: true,
    watchFunctions: false,
    log: quietLogger(),
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await rm(tempDir, { recursive: true, force: true });
});

async function insertDispatches(count: number, label: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: stack.dbUrl });
  await client.connect();
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const { rows } = await client.query<{ id: string }>(
        `insert into public.dispatches (site_id, cluster, processor, station, region, dock_number, remarks)
         select id, 'C', 'P', 'S', 'NCR', 'D-1', $1 from public.sites where code = 'MNL-HUB' returning id`,
        [`${label}-${i}`],
      );
      ids.push(rows[0]!.id);
    }
    return ids;
  } finally {
    await client.end();
  }
}

describe("realtime: resilience", () => {
  it("loses no committed change across a Postgres restart", async () => {
    const client = createClient(stack.apiUrl, stack.anonKey, { auth: { persistSession: false }, realtime: serverRealtime });
    await client.auth.signInWithPassword({ email: "admin@deskops.local", password: SEEDED_PASSWORD });
    const sub = await subscribe(client, { event: "INSERT", table: "dispatches" });
    const before = await insertDispatches(3, "before");
    await stack.postgres.restart();
    // Committed while the realtime server is still reconnecting.
    const after = await insertDispatches(3, "after");
    for (const id of [...before, ...after]) {
      await sub.waitFor((change) => (change.new as { id?: string }).id === id, 20_000);
    }
    const ids = sub.received.map((change) => (change.new as { id: string }).id);
    expect(new Set(ids)).toEqual(new Set([...before, ...after]));
    await client.removeAllChannels();
  }, 60_000);

  it("closes a socket whose heartbeats stop", async () => {
    const realtime = await createRealtimeServer({
      databaseUrl: stack.dbUrl,
      jwtSecret: stack.jwtSecret,
      log: quietLogger(),
      slotName: "deskops_realtime_heartbeat_test",
      heartbeatTimeoutMs: 400,
    });
    const gateway = createGateway({ apiKeys: [LOCAL_ANON_KEY], routes: {}, upgrades: { "/realtime/v1/websocket": realtime.handleUpgrade } });
    const port = await freePort();
    await new Promise<void>((resolve) => gateway.listen(port, "127.0.0.1", resolve));
    try {
      const silent = new WebSocket(`ws://127.0.0.1:${port}/realtime/v1/websocket?apikey=${LOCAL_ANON_KEY}&vsn=2.0.0`);
      await new Promise((resolve) => silent.once("open", resolve));
      const started = Date.now();
      await new Promise((resolve) => silent.once("close", resolve));
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await realtime.stop();
      gateway.close();
    }
  });
});
