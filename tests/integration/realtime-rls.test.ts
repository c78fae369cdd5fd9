// postgres_changes under RLS, judged on the change as committed (as Supabase's Realtime does):
// REPLICA IDENTITY FULL with NULLs and columns of many types, every insert delivered while busy
// threads share the CPU, and an insert that is deleted at once still delivered.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSite, createUser, dispatchRow, insertRows, memberOf, type TestUser } from "../helpers/factories";
import { sql } from "../helpers/db";
import { sleep, subscribe, type Change } from "../helpers/realtime";
import { anonClient } from "../helpers/supabase";

let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([createUser("kinds-owner"), createUser("kinds-stranger")]);
});

afterAll(async () => {
  await Promise.all([owner.client.removeAllChannels(), stranger.client.removeAllChannels()]);
});

const idOf = (change: Change) => Number((change.new as { id?: number }).id ?? (change.old as { id?: number }).id);

/** A row of every kind, written by the owner through the REST API, and read back the same way. */
async function insertKinds(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { data, error } = await owner.client.from("conformance_kinds").insert(values).select().single();
  if (error) throw error;
  return data as Record<string, unknown>;
}

describe("realtime: rows as committed", () => {
  it("delivers inserts and updates of a REPLICA IDENTITY FULL table with NULLs, rendering each type as the REST API does", async () => {
    const mine = await subscribe(owner.client, { event: "*", table: "conformance_kinds" });
    const theirs = await subscribe(stranger.client, { event: "*", table: "conformance_kinds" });

    const inserted = await insertKinds({
      label: null,
      amount: 1234.5,
      counter: 9007199254740,
      doc: { nested: { ok: true }, list: [1, "two"] },
      tags: ["a,b", 'say "hi"', "plain"],
      happened_at: "2026-11-21T08:15:30.123456+00:00",
      day: "2026-02-28",
      flag: null,
    });
    const insert = await mine.waitFor((change) => change.eventType === "INSERT" && idOf(change) === inserted.id);
    // The REST API's rendering of the same row is the reference: Supabase's Realtime renders with Postgres too.
    expect(insert.new).toEqual(inserted);

    const { data: updated, error } = await owner.client
      .from("conformance_kinds")
      .update({ label: `It's "quoted"`, amount: null, flag: true })
      .eq("id", inserted.id)
      .select()
      .single();
    if (error) throw error;
    const update = await mine.waitFor((change) => change.eventType === "UPDATE" && idOf(change) === inserted.id);
    expect(update.new).toEqual(updated);
    // Supabase sends the old row's primary key only, whatever the replica identity.
    expect(update.old).toEqual({ id: inserted.id });

    await owner.client.from("conformance_kinds").delete().eq("id", inserted.id);
    const deleted = await mine.waitFor((change) => change.eventType === "DELETE" && idOf(change) === inserted.id);
    expect(deleted.old).toEqual({ id: inserted.id });
    // The delete too is judged on the row: the stranger never learns it existed.
    await sleep(300);
    expect(theirs.received).toEqual([]);
  });

  it("delivers an insert that is deleted at once", async () => {
    const mine = await subscribe(owner.client, { event: "*", table: "conformance_kinds" });
    const [row] = await sql<{ id: string }>("insert into public.conformance_kinds (owner_id, label) values ($1, 'fleeting') returning id::text", [owner.id]);
    await sql("delete from public.conformance_kinds where id = $1", [row!.id]);
    const insert = await mine.waitFor((change) => change.eventType === "INSERT" && idOf(change) === Number(row!.id));
    expect(insert.new).toMatchObject({ label: "fleeting", owner_id: owner.id });
    await mine.waitFor((change) => change.eventType === "DELETE" && idOf(change) === Number(row!.id));
  });
});

describe("realtime: deletes of DeskOps's tables", () => {
  it("tell a delete to the site's members only: not another site's, not the anon key", async () => {
    const [site, otherSite] = await Promise.all([createSite(), createSite()]);
    const [member, otherMember] = await Promise.all([memberOf(site.id, "viewer"), memberOf(otherSite.id, "manager")]);
    const anon = anonClient();
    try {
      const [mine, theirs, nobody] = await Promise.all([
        subscribe(member.client, { event: "*", table: "dispatches" }),
        subscribe(otherMember.client, { event: "*", table: "dispatches" }),
        // The anon key has no grant on the table: refusing the subscription is fine too.
        subscribe(anon, { event: "*", table: "dispatches" }).catch(() => null),
      ]);
      const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site.id)]);
      await sql("delete from public.dispatches where id = $1", [row!.id]);
      const deleted = await mine.waitFor((change) => change.eventType === "DELETE");
      expect(deleted.old).toEqual({ id: row!.id });
      await sleep(300);
      expect(theirs.received).toEqual([]);
      expect(nobody?.received ?? []).toEqual([]);
    } finally {
      await Promise.all([member.client.removeAllChannels(), otherMember.client.removeAllChannels(), anon.removeAllChannels()]);
    }
  });
});

describe("realtime: under CPU load", () => {
  it("delivers every one of 60 inserts while busy threads share the CPU", async () => {
    const busy = Array.from({ length: 3 }, () => new Worker("const end = Date.now() + 60000; while (Date.now() < end) {}", { eval: true }));
    try {
      const mine = await subscribe(owner.client, { event: "INSERT", table: "conformance_kinds" });
      const ids: number[] = [];
      for (let i = 0; i < 60; i += 1) {
        const [row] = await sql<{ id: string }>("insert into public.conformance_kinds (owner_id, label) values ($1, $2) returning id::text", [owner.id, `load-${i}`]);
        ids.push(Number(row!.id));
      }
      const wanted = new Set(ids);
      await expect
        .poll(() => mine.received.filter((change) => wanted.has(idOf(change))).length, { timeout: 20_000, interval: 200 })
        .toBe(60);
    } finally {
      await Promise.all(busy.map((worker) => worker.terminate()));
    }
  }, 60_000);
});
