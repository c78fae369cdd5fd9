// Realtime through the unmodified supabase-js client: postgres_changes under RLS, filters,
// event types, unsubscribe, both protocol versions, bad tokens, and clients that misbehave.
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { createSite, dispatchRow, insertRows, memberOf, type SiteRow, type TestUser } from "../helpers/factories";
import { sql } from "../helpers/db";
import { sleep, subscribe, type Change } from "../helpers/realtime";
import { serviceClient, stack } from "../helpers/supabase";

let siteA: SiteRow;
let siteB: SiteRow;
let memberA: TestUser;
let memberB: TestUser;

beforeAll(async () => {
  [siteA, siteB] = await Promise.all([createSite(), createSite()]);
  [memberA, memberB] = await Promise.all([memberOf(siteA.id, "viewer"), memberOf(siteB.id, "viewer")]);
});

afterAll(async () => {
  await Promise.all([memberA.client.removeAllChannels(), memberB.client.removeAllChannels()]);
});

const idOf = (change: Change) => (change.new as { id?: string }).id ?? (change.old as { id?: string }).id;

describe("realtime: postgres_changes", () => {
  it("delivers a site's insert to its member within 1 s, never to another site's member", async () => {
    const [a, b] = await Promise.all([
      subscribe(memberA.client, { event: "*", table: "dispatches" }),
      subscribe(memberB.client, { event: "*", table: "dispatches" }),
    ]);
    const started = Date.now();
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(siteA.id, { remarks: "for A only" })]);
    const change = await a.waitFor((c) => idOf(c) === row!.id, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(change).toMatchObject({ schema: "public", table: "dispatches", eventType: "INSERT" });
    expect(change.new).toMatchObject({ id: row!.id, site_id: siteA.id, remarks: "for A only", status: "pending" });
    expect(typeof change.commit_timestamp).toBe("string");
    await sleep(500);
    expect(b.received.filter((c) => idOf(c) === row!.id)).toEqual([]);
  });

  it("sends updates and deletes with their event types; a delete carries only the key", async () => {
    const sub = await subscribe(memberA.client, { event: "*", table: "dispatches" });
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(siteA.id)]);
    await sub.waitFor((c) => c.eventType === "INSERT" && idOf(c) === row!.id);
    await serviceClient().from("dispatches").update({ status: "ongoing" }).eq("id", row!.id);
    const update = await sub.waitFor((c) => c.eventType === "UPDATE" && idOf(c) === row!.id);
    expect(update.new).toMatchObject({ id: row!.id, status: "ongoing" });
    expect(update.old).toEqual({ id: row!.id });
    await serviceClient().from("dispatches").delete().eq("id", row!.id);
    const deleted = await sub.waitFor((c) => c.eventType === "DELETE" && idOf(c) === row!.id);
    expect(deleted.old).toEqual({ id: row!.id });
    expect(deleted.new).toEqual({});
  });

  it("narrows the feed with a filter, and listens to one event type when asked", async () => {
    const admin = await memberOf(siteA.id, "manager", "filter");
    await insertRows("site_members", [{ site_id: siteB.id, user_id: admin.id, role: "viewer" }]);
    const onlyA = await subscribe(admin.client, { event: "INSERT", table: "dispatches", filter: `site_id=eq.${siteA.id}` });
    const inList = await subscribe(admin.client, { event: "INSERT", table: "dispatches", filter: `site_id=in.(${siteB.id})` });
    const [forA, forB] = await insertRows<{ id: string }>("dispatches", [dispatchRow(siteA.id), dispatchRow(siteB.id)]);
    await onlyA.waitFor((c) => idOf(c) === forA!.id);
    await inList.waitFor((c) => idOf(c) === forB!.id);
    await serviceClient().from("dispatches").update({ remarks: "not an insert" }).eq("id", forA!.id);
    await sleep(500);
    expect(onlyA.received.map(idOf)).toEqual([forA!.id]);
    expect(inList.received.map(idOf)).toEqual([forB!.id]);
    await admin.client.removeAllChannels();
  });

  it("stops delivering after unsubscribe", async () => {
    const sub = await subscribe(memberA.client, { event: "INSERT", table: "dispatches" });
    await memberA.client.removeChannel(sub.channel);
    await insertRows("dispatches", [dispatchRow(siteA.id)]);
    await sleep(700);
    expect(sub.received).toEqual([]);
  });

  it("speaks the 1.0.0 serializer too", async () => {
    const client = createClient(stack().apiUrl, stack().anonKey, {
      auth: { persistSession: false },
      realtime: { ...serverRealtime, vsn: "1.0.0" } as never,
    });
    await client.auth.signInWithPassword({ email: memberA.email, password: "correct-horse-battery" });
    const sub = await subscribe(client, { event: "INSERT", table: "dispatches" });
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(siteA.id)]);
    await sub.waitFor((c) => idOf(c) === row!.id);
    await client.removeAllChannels();
  });
});

describe("realtime: the replication slot", () => {
  it("confirms WAL that carries no published change, so the slot never holds it back", async () => {
    // lookup_versions is not in the publication: pgoutput skips the whole transaction.
    await sql("update private.lookup_versions set version = gen_random_uuid() where kind = 'clusters'");
    const [{ lsn }] = (await sql<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn")) as [{ lsn: string }];
    const deadline = Date.now() + 10_000;
    let confirmed = false;
    while (!confirmed && Date.now() < deadline) {
      const [slot] = await sql<{ done: boolean }>(
        "select confirmed_flush_lsn >= $1::pg_lsn as done from pg_replication_slots where slot_name = 'deskops_realtime'",
        [lsn],
      );
      confirmed = slot?.done === true;
      if (!confirmed) await sleep(200);
    }
    expect(confirmed).toBe(true);
  });
});

describe("realtime: tokens, broadcast and misbehaving clients", () => {
  it("refuses to join with an invalid token, and delivers nothing", async () => {
    const client = createClient(stack().apiUrl, stack().anonKey, { auth: { persistSession: false }, realtime: serverRealtime });
    await client.realtime.setAuth("not.a.valid-token");
    await expect(subscribe(client, { event: "*", table: "dispatches" })).rejects.toThrow(/Invalid JWT Token/);
    await client.removeAllChannels();
  });

  it("relays broadcast between clients of a public channel", async () => {
    const listener = memberB.client.channel("room-1");
    const heard = new Promise<unknown>((resolve) => listener.on("broadcast", { event: "ping" }, ({ payload }) => resolve(payload)));
    await new Promise<void>((resolve) => listener.subscribe((status) => status === "SUBSCRIBED" && resolve()));
    const speaker = memberA.client.channel("room-1", { config: { broadcast: { ack: true } } });
    await new Promise<void>((resolve) => speaker.subscribe((status) => status === "SUBSCRIBED" && resolve()));
    expect(await speaker.send({ type: "broadcast", event: "ping", payload: { n: 1 } })).toBe("ok");
    expect(await heard).toEqual({ n: 1 });
    await Promise.all([memberA.client.removeChannel(speaker), memberB.client.removeChannel(listener)]);
  });

  it("survives garbage and a client that vanishes mid-subscription", async () => {
    const url = `${stack().apiUrl.replace("http", "ws")}/realtime/v1/websocket?apikey=${stack().anonKey}&vsn=1.0.0`;
    const rude = new WebSocket(url);
    await new Promise((resolve) => rude.once("open", resolve));
    rude.send("this is not json");
    rude.send(Buffer.from([0, 1, 2, 3]));
    rude.send(JSON.stringify({ topic: "realtime:x", event: "phx_join", payload: { config: { postgres_changes: [{ event: "*", schema: "public", table: "dispatches" }] } }, ref: "1" }));
    const replies: string[] = [];
    rude.on("message", (data) => replies.push(data.toString()));
    rude.send(JSON.stringify({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "2" }));
    await sleep(300);
    expect(replies.some((reply) => reply.includes('"ref":"2"') && reply.includes('"status":"ok"'))).toBe(true);
    rude.terminate();

    const sub = await subscribe(memberA.client, { event: "INSERT", table: "dispatches" });
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(siteA.id)]);
    await sub.waitFor((c) => idOf(c) === row!.id);
  });

  it("refuses a WebSocket without an apikey, as the gateway does for every API", async () => {
    const socket = new WebSocket(`${stack().apiUrl.replace("http", "ws")}/realtime/v1/websocket?vsn=1.0.0`);
    const status = await new Promise<number>((resolve) => socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
