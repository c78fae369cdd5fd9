// PostgREST through the gateway, with RLS deciding by the signed-in user's JWT.
import { describe, expect, it } from "vitest";
import { anonClient, serviceClient, signedInClient } from "../helpers/supabase";

describe("rest: select, insert and rpc under RLS", () => {
  it("lets a user insert and read their own rows, and hides them from everyone else", async () => {
    const alice = await signedInClient("alice");
    const bob = await signedInClient("bob");

    const inserted = await alice.client.from("conformance_notes").insert({ body: "alice's note" }).select().single();
    expect(inserted.error).toBeNull();
    expect(inserted.data).toMatchObject({ body: "alice's note", owner_id: alice.userId });

    const mine = await alice.client.from("conformance_notes").select("id, body");
    expect(mine.data).toEqual([{ id: inserted.data!.id, body: "alice's note" }]);

    const theirs = await bob.client.from("conformance_notes").select("id").eq("id", inserted.data!.id);
    expect(theirs.error).toBeNull();
    expect(theirs.data).toEqual([]);

    const anon = await anonClient().from("conformance_notes").select("id").eq("id", inserted.data!.id);
    expect(anon.data ?? []).toEqual([]);

    const asService = await serviceClient().from("conformance_notes").select("owner_id").eq("id", inserted.data!.id);
    expect(asService.data).toEqual([{ owner_id: alice.userId }]);
  });

  it("refuses a write that RLS forbids", async () => {
    const alice = await signedInClient("alice");
    const bob = await signedInClient("bob");
    const forged = await bob.client.from("conformance_notes").insert({ body: "forged", owner_id: alice.userId });
    expect(forged.error?.code).toBe("42501");

    const note = await alice.client.from("conformance_notes").insert({ body: "keep me" }).select("id").single();
    const changed = await bob.client.from("conformance_notes").update({ body: "defaced" }).eq("id", note.data!.id).select();
    expect(changed.data).toEqual([]);
    const deleted = await bob.client.from("conformance_notes").delete().eq("id", note.data!.id).select();
    expect(deleted.data).toEqual([]);
    const still = await alice.client.from("conformance_notes").select("body").eq("id", note.data!.id).single();
    expect(still.data).toEqual({ body: "keep me" });

    const anonInsert = await anonClient().from("conformance_notes").insert({ body: "anonymous" });
    expect(anonInsert.error).not.toBeNull();
  });

  it("calls RPCs as the caller: auth.uid(), auth.role() and auth.jwt() see the JWT", async () => {
    const alice = await signedInClient("rpc");
    const whoami = await alice.client.rpc("conformance_whoami");
    expect(whoami.data).toEqual({ uid: alice.userId, role: "authenticated", email: alice.email });

    await alice.client.from("conformance_notes").insert([{ body: "one" }, { body: "two" }]);
    const count = await alice.client.rpc("conformance_count_my_notes");
    expect(count.data).toBe(2);

    const anon = await anonClient().rpc("conformance_whoami");
    expect(anon.data).toEqual({ uid: null, role: "anon", email: null });
  });

  it("reports an unknown table as PostgREST 12.0 does", async () => {
    const { error, status } = await anonClient().from("no_such_table").select();
    expect(status).toBe(404);
    expect(error?.code).toBe("42P01");
  });
});
