// Broadcast, presence and Realtime Authorization through the unmodified supabase-js client, as
// Supabase documents them: private channels authorized by RLS on realtime.messages, broadcast from
// the database (realtime.send, realtime.broadcast_changes), the REST broadcast endpoints, presence
// between clients, and DeskOps's own per-site activity channel.
import { randomUUID } from "node:crypto";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSite, createUser, dispatchRow, insertRows, memberOf, type SiteRow, type TestUser } from "../helpers/factories";
import { sql, withDb } from "../helpers/db";
import { sleep } from "../helpers/realtime";
import { TEST_PASSWORD, anonClient } from "../helpers/supabase";

let alice: TestUser;
let bob: TestUser;
const opened: Array<{ client: SupabaseClient; channel: RealtimeChannel }> = [];

beforeAll(async () => {
  [alice, bob] = await Promise.all([createUser("alice"), createUser("bob")]);
});

// A supabase-js client holds one channel per topic: each test leaves what it joined.
afterEach(async () => {
  await Promise.all(opened.splice(0).map(({ client, channel }) => client.removeChannel(channel)));
});

afterAll(async () => {
  await Promise.all([alice.client.removeAllChannels(), bob.client.removeAllChannels()]);
});

type Status = "SUBSCRIBED" | "CHANNEL_ERROR" | "TIMED_OUT" | "CLOSED";

/** Subscribes and resolves with how it ended: SUBSCRIBED, or the error's message. */
function join(client: SupabaseClient, channel: RealtimeChannel): Promise<{ status: Status; message?: string }> {
  opened.push({ client, channel });
  return new Promise((resolve) => {
    channel.subscribe((status, error) => {
      if (status === "SUBSCRIBED" || status === "CHANNEL_ERROR" || status === "TIMED_OUT") resolve({ status, message: error?.message });
    });
  });
}

/** Collects the broadcasts a channel hears, by event name ("*" for all). */
function listen(channel: RealtimeChannel, event = "*") {
  const heard: Array<{ event: string; payload: Record<string, unknown>; meta?: unknown }> = [];
  channel.on("broadcast", { event }, (message) => heard.push({ event: message.event, payload: message.payload, meta: message.meta }));
  return heard;
}

const topicOf = (user: TestUser, name: string) => `conformance:${user.id}:${name}`;

/** A second supabase-js client signed in as the same user (one client holds one channel per topic). */
async function anotherClientOf(user: TestUser): Promise<SupabaseClient> {
  const client = anonClient();
  const { error } = await client.auth.signInWithPassword({ email: user.email, password: TEST_PASSWORD });
  if (error) throw error;
  return client;
}

describe("realtime: private channels (Realtime Authorization)", () => {
  it("lets a user join a private channel their policies allow, and refuses one they do not", async () => {
    const topic = topicOf(alice, "room");
    const own = await join(alice.client, alice.client.channel(topic, { config: { private: true } }));
    expect(own.status).toBe("SUBSCRIBED");
    const other = await join(bob.client, bob.client.channel(topic, { config: { private: true } }));
    expect(other).toEqual({ status: "CHANNEL_ERROR", message: `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}` });
  });

  it("keeps private and public channels of one name apart", async () => {
    const topic = topicOf(alice, "split");
    const privateChannel = alice.client.channel(topic, { config: { private: true } });
    const privateHeard = listen(privateChannel);
    await join(alice.client, privateChannel);
    const publicChannel = bob.client.channel(topic, { config: { broadcast: { ack: true } } });
    await join(bob.client, publicChannel);
    expect(await publicChannel.send({ type: "broadcast", event: "hello", payload: { from: "public" } })).toBe("ok");
    await sleep(300);
    expect(privateHeard).toEqual([]);
  });

  it("relays a private broadcast between two clients of a user who may write to the topic", async () => {
    const topic = topicOf(alice, "relay");
    const listener = alice.client.channel(topic, { config: { private: true } });
    const heard = listen(listener, "ping");
    await join(alice.client, listener);
    const secondClient = await anotherClientOf(alice);
    const speaker = secondClient.channel(topic, { config: { private: true, broadcast: { ack: true } } });
    await join(secondClient, speaker);
    expect(await speaker.send({ type: "broadcast", event: "ping", payload: { n: 1 } })).toBe("ok");
    await expect.poll(() => heard.map((message) => message.payload), { timeout: 5_000 }).toEqual([{ n: 1 }]);
  });
});

describe("realtime: broadcast from the database", () => {
  it("delivers realtime.broadcast_changes from a trigger for an insert, an update and a delete", async () => {
    const channel = alice.client.channel(topicOf(alice, "notes"), { config: { private: true } });
    const heard = listen(channel);
    await join(alice.client, channel);

    const { data: note, error } = await alice.client.from("conformance_notes").insert({ body: "first" }).select().single();
    if (error) throw error;
    await alice.client.from("conformance_notes").update({ body: "second" }).eq("id", note.id);
    await alice.client.from("conformance_notes").delete().eq("id", note.id);

    await expect.poll(() => heard.map((message) => message.event), { timeout: 5_000 }).toEqual(["INSERT", "UPDATE", "DELETE"]);
    const [insert, update, remove] = heard;
    expect(insert!.payload).toMatchObject({ operation: "INSERT", table: "conformance_notes", schema: "public", record: { id: note.id, body: "first" }, old_record: null });
    expect(update!.payload).toMatchObject({ operation: "UPDATE", record: { body: "second" }, old_record: { body: "first" } });
    expect(remove!.payload).toMatchObject({ operation: "DELETE", record: null, old_record: { id: note.id } });
    expect(typeof insert!.payload.id).toBe("string");
  });

  it("delivers realtime.send to a private topic's readers only, and never from a rolled-back transaction", async () => {
    const topic = topicOf(alice, "raw");
    const channel = alice.client.channel(topic, { config: { private: true } });
    const heard = listen(channel, "note");
    await join(alice.client, channel);
    await withDb(async (client) => {
      await client.query("begin");
      await client.query("select realtime.send($1::jsonb, 'note', $2, true)", [JSON.stringify({ kept: false }), topic]);
      await client.query("rollback");
    });
    await sql("select realtime.send($1::jsonb, 'note', $2, true)", [JSON.stringify({ kept: true }), topic]);
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(1);
    expect(heard[0]!.payload).toMatchObject({ kept: true });
  });
});

describe("realtime: REST broadcast", () => {
  it("delivers channel.httpSend to a public channel, and send() before subscribing falls back to /api/broadcast", async () => {
    const topic = `rest-${randomUUID()}`;
    const listener = bob.client.channel(topic);
    const heard = listen(listener, "ping");
    await join(bob.client, listener);
    const sender = alice.client.channel(topic);
    opened.push({ client: alice.client, channel: sender });
    expect(await sender.httpSend("ping", { via: "httpSend" })).toEqual({ success: true });
    expect(await sender.send({ type: "broadcast", event: "ping", payload: { via: "fallback" } })).toBe("ok");
    await expect.poll(() => heard.map((message) => message.payload.via).sort(), { timeout: 5_000 }).toEqual(["fallback", "httpSend"]);
  });

  it("refuses httpSend on a private topic the sender may not write to", async () => {
    const intruder = bob.client.channel(topicOf(alice, "room"), { config: { private: true } });
    opened.push({ client: bob.client, channel: intruder });
    await expect(intruder.httpSend("ping", { n: 1 })).rejects.toThrow("Unauthorized");
    const own = alice.client.channel(topicOf(alice, "room"), { config: { private: true } });
    opened.push({ client: alice.client, channel: own });
    expect(await own.httpSend("ping", { n: 1 })).toEqual({ success: true });
  });
});

describe("realtime: presence", () => {
  it("syncs who is there between two clients, with joins and leaves", async () => {
    const topic = `presence-${randomUUID()}`;
    const first = alice.client.channel(topic, { config: { presence: { key: "alice" } } });
    const leaves: string[] = [];
    first.on("presence", { event: "sync" }, () => {});
    first.on("presence", { event: "leave" }, ({ key }) => leaves.push(String(key)));
    await join(alice.client, first);
    expect(await first.track({ name: "Alice" })).toBe("ok");

    const second = bob.client.channel(topic, { config: { presence: { key: "bob" } } });
    second.on("presence", { event: "sync" }, () => {});
    await join(bob.client, second);
    expect(await second.track({ name: "Bob" })).toBe("ok");

    const names = (channel: RealtimeChannel) =>
      Object.entries(channel.presenceState()).flatMap(([key, metas]) => metas.map((meta) => `${key}:${String((meta as { name?: string }).name)}`)).sort();
    await expect.poll(() => names(first), { timeout: 5_000 }).toEqual(["alice:Alice", "bob:Bob"]);
    await expect.poll(() => names(second), { timeout: 5_000 }).toEqual(["alice:Alice", "bob:Bob"]);

    expect(await second.untrack()).toBe("ok");
    await expect.poll(() => names(first), { timeout: 5_000 }).toEqual(["alice:Alice"]);
    expect(leaves).toContain("bob");
  });
});

describe("realtime: postgres_changes readiness", () => {
  it("sends the system ok message once a postgres_changes subscription is ready", async () => {
    const channel = alice.client.channel(`system-${randomUUID()}`);
    const system = new Promise<Record<string, unknown>>((resolve) => channel.on("system", {}, (payload) => resolve(payload as Record<string, unknown>)));
    channel.on("postgres_changes", { event: "*", schema: "public", table: "conformance_notes" }, () => {});
    await join(alice.client, channel);
    expect(await system).toMatchObject({ status: "ok", message: "Subscribed to PostgreSQL", extension: "postgres_changes" });
  });
});

describe("realtime: DeskOps's site activity channel", () => {
  let site: SiteRow;
  let member: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    const [mine, other] = await Promise.all([createSite(), createSite()]);
    site = mine;
    [member, outsider] = await Promise.all([memberOf(mine.id, "viewer", "member"), memberOf(other.id, "manager", "outsider")]);
  });

  it("admits the site's members only", async () => {
    expect((await join(member.client, member.client.channel(`site:${site.id}`, { config: { private: true } }))).status).toBe("SUBSCRIBED");
    const refused = await join(outsider.client, outsider.client.channel(`site:${site.id}`, { config: { private: true } }));
    expect(refused.status).toBe("CHANNEL_ERROR");
  });

  it("sends one message per statement, naming the newest entries, to the members", async () => {
    const channel = member.client.channel(`site:${site.id}`, { config: { private: true } });
    const heard = listen(channel, "activity");
    await join(member.client, channel);
    const [single] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site.id, { remarks: "one" })]);
    await insertRows("dispatches", Array.from({ length: 50 }, () => dispatchRow(site.id, { remarks: "batch" })));
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(2);
    expect(heard[0]!.payload).toMatchObject({ site_id: site.id, count: 1, entries: [{ table: "dispatches", action: "insert", row_id: single!.id }] });
    expect(heard[1]!.payload).toMatchObject({ site_id: site.id, count: 50 });
    expect((heard[1]!.payload.entries as unknown[]).length).toBe(10);
  });

  it("lets no member broadcast on it: only the database speaks there", async () => {
    const speaker = member.client.channel(`site:${site.id}`, { config: { private: true, broadcast: { self: true } } });
    const heard = listen(speaker, "fake");
    await join(member.client, speaker);
    await speaker.send({ type: "broadcast", event: "fake", payload: { spoof: true } });
    await sleep(500);
    expect(heard).toEqual([]);
  });
});

describe("realtime: what the local server does not do", () => {
  it("answers a binary broadcast and a replay request with errors that name them", async () => {
    const sender = alice.client.channel(`binary-${randomUUID()}`, { config: { broadcast: { ack: true } } });
    await join(alice.client, sender);
    expect(await sender.send({ type: "broadcast", event: "bytes", payload: new Uint8Array([1, 2, 3]).buffer })).toBe("error");
    const replay = await join(alice.client, alice.client.channel(topicOf(alice, "replay"), { config: { private: true, broadcast: { replay: { since: Date.now() - 60_000 } } } }));
    expect(replay).toEqual({ status: "CHANNEL_ERROR", message: "Message replay is not supported by the DeskOps local Realtime server" });
  });
});
