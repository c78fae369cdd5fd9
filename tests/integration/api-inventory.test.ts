// /api/inventory in seed 001's snapshot shape from the ledger, recording entries; and proxy.ts
// guarding /api and /dashboard.
import { beforeAll, describe, expect, it } from "vitest";
import { catalogueId, createSite, insertRows, memberOf, type SiteRow } from "../helpers/factories";
import { sql } from "../helpers/db";
import { callApp, crewCookies, signInCookies, type Cookie } from "../helpers/session";
import { TEST_PASSWORD } from "../helpers/supabase";

let site: SiteRow;
let operator: Cookie[];
let outsider: Cookie[];
let materialId: string;

beforeAll(async () => {
  site = await createSite();
  const [member, stranger] = await Promise.all([memberOf(site.id, "operator"), memberOf((await createSite()).id, "manager")]);
  operator = await signInCookies(member.email, TEST_PASSWORD);
  outsider = await signInCookies(stranger.email, TEST_PASSWORD);
  materialId = await catalogueId("materials", "ROADBASE");
}, 60_000);

const post = (body: unknown, as: Cookie[]) =>
  callApp("/api/inventory", { method: "POST", cookies: as, body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("api: inventory", () => {
  it("records an opening balance and a count, and reads the ledger in seed 001's shape", async () => {
    await insertRows("production", [{ site_id: site.id, date: "2026-01-02", material_id: materialId, operation: "blending", qty_ton: 30 }]);
    const opening = await post({ siteId: site.id, date: "2026-01-01", materialId, openingTon: 100, adjustmentTon: 0 }, operator);
    expect(opening.status).toBe(201);
    expect(await opening.json()).toMatchObject({ date: "2026-01-01", openingTon: 100, closingTon: 100, material: { code: "ROADBASE" } });

    const counted = await post({ siteId: site.id, date: "2026-01-03", materialId, openingTon: 0, adjustmentTon: 0, closingTon: 120 }, operator);
    expect(await counted.json()).toMatchObject({ date: "2026-01-03", openingTon: 130, closingTon: 120, countedTon: 120 });

    const list = await callApp(`/api/inventory?siteId=${site.id}&dateFrom=2026-01-01&dateTo=2026-01-03`, { cookies: operator });
    const { inventorySnapshots } = (await list.json()) as { inventorySnapshots: Array<Record<string, unknown>> };
    expect(inventorySnapshots.map((row) => [row.date, row.openingTon, row.producedTon, row.closingTon])).toEqual([
      ["2026-01-03", 130, 0, 120],
      ["2026-01-02", 100, 30, 130],
      ["2026-01-01", 100, 0, 100],
    ]);
    expect(inventorySnapshots[0]).toMatchObject({ siteId: site.id, materialId, site: { code: site.code } });
  });

  it("refuses what the logs compute, a second opening on a day, bad ranges, and other sites", async () => {
    expect((await post({ siteId: site.id, date: "2026-02-01", materialId, openingTon: 5, adjustmentTon: 0, producedTon: 4 }, operator)).status).toBe(400);
    expect((await post({ siteId: site.id, date: "2026-02-01", materialId, openingTon: 0, adjustmentTon: 0 }, operator)).status).toBe(400);
    expect((await post({ siteId: site.id, date: "2026-02-01", materialId, openingTon: 5, adjustmentTon: 0 }, operator)).status).toBe(201);
    const again = await post({ siteId: site.id, date: "2026-02-01", materialId, openingTon: 6, adjustmentTon: 0 }, operator);
    expect(again.status).toBe(409);
    expect((await callApp(`/api/inventory?siteId=${site.id}&dateFrom=2026-02-05&dateTo=2026-02-01`, { cookies: operator })).status).toBe(400);
    expect((await callApp(`/api/inventory?siteId=${site.id}`, { cookies: outsider })).status).toBe(404);
    expect((await post({ siteId: site.id, date: "2026-02-02", materialId, openingTon: 5, adjustmentTon: 0 }, outsider)).status).toBe(403);
  });
});

describe("api: inventory corrections", () => {
  const day = "2026-03-10";
  let crewSite: SiteRow;
  let crew: Awaited<ReturnType<typeof crewCookies>>;
  let snapshotId: string;
  const send = (method: "PATCH" | "DELETE", id: string, as: Cookie[], body?: unknown) =>
    callApp(`/api/inventory/${id}`, { method, cookies: as, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });

  beforeAll(async () => {
    crewSite = await createSite();
    crew = await crewCookies(crewSite.id, (await createSite()).id);
    snapshotId = `${crewSite.id}:${materialId}:${day}`;
    await insertRows("production", [{ site_id: crewSite.id, date: day, material_id: materialId, operation: "crushing", qty_ton: 40 }]);
  }, 60_000);

  it("sets the opening balance, the count and the net adjustment of a snapshot, appending adjustments", async () => {
    const created = await post({ siteId: crewSite.id, date: day, materialId, openingTon: 100, adjustmentTon: 0 }, crew.operator);
    expect(((await created.json()) as { id: string }).id).toBe(snapshotId);

    const corrected = await send("PATCH", snapshotId, crew.operator, { openingTon: 80, adjustmentTon: 5, notes: "recount" });
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({ id: snapshotId, openingTon: 80, producedTon: 40, adjustmentTon: 5, closingTon: 125, countedTon: null });

    const net = await send("PATCH", snapshotId, crew.operator, { adjustmentTon: 2, closingTon: 110 });
    expect(await net.json()).toMatchObject({ openingTon: 80, adjustmentTon: 2, closingTon: 110, countedTon: 110 });
    const entries = await sql<{ kind: string; qty_ton: string; notes: string | null }>(
      "select kind, qty_ton, notes from public.inventory_entries where site_id = $1 order by created_at, kind",
      [crewSite.id],
    );
    expect(entries.map((entry) => [entry.kind, Number(entry.qty_ton)])).toEqual([["opening", 80], ["adjustment", 5], ["adjustment", -3], ["count", 110]]);
    expect(entries[0]!.notes).toBe("recount");
  });

  it("lets only managers remove entries, and says 404 once nothing is left", async () => {
    const refused = await send("PATCH", snapshotId, crew.operator, { closingTon: null });
    expect(refused.status).toBe(403);
    expect((await send("DELETE", snapshotId, crew.operator)).status).toBe(403);
    expect((await send("PATCH", snapshotId, crew.viewer, { openingTon: 1 })).status).toBe(403);

    const removed = await send("DELETE", snapshotId, crew.manager);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ success: true });
    expect(await sql("select 1 from public.inventory_entries where site_id = $1", [crewSite.id])).toHaveLength(0);
    const ledger = await callApp(`/api/inventory?siteId=${crewSite.id}&dateFrom=${day}&dateTo=${day}`, { cookies: crew.manager });
    const { inventorySnapshots } = (await ledger.json()) as { inventorySnapshots: Array<Record<string, unknown>> };
    expect(inventorySnapshots.find((row) => row.id === snapshotId)).toMatchObject({ openingTon: 0, producedTon: 40, closingTon: 40 });
    expect((await send("DELETE", snapshotId, crew.manager)).status).toBe(404);
  });

  it("refuses bad ids and bodies, other sites and anonymous callers", async () => {
    const badId = await send("PATCH", "not-a-snapshot", crew.manager, { openingTon: 1 });
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { code: string }).code).toBe("VALIDATION_ERROR");
    expect((await send("PATCH", snapshotId, crew.manager, {})).status).toBe(400);
    expect((await send("PATCH", snapshotId, crew.manager, { producedTon: 3 })).status).toBe(400);
    expect((await send("PATCH", snapshotId, crew.manager, { openingTon: -1 })).status).toBe(400);
    expect((await send("PATCH", `${crewSite.id}:${crewSite.id}:${day}`, crew.manager, { openingTon: 1 })).status).toBe(400);
    expect((await send("PATCH", snapshotId, crew.outsider, { openingTon: 1 })).status).toBe(404);
    expect((await send("DELETE", snapshotId, crew.outsider)).status).toBe(404);
    expect((await callApp(`/api/inventory/${snapshotId}`, { method: "DELETE" })).status).toBe(401);
  });
});

describe("sessions and unknown paths", () => {
  it("answers 401 in the error shape for an API route without a session, and JSON 404 for a path no route serves", async () => {
    const response = await callApp("/api/dispatch");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Sign in to continue.", code: "UNAUTHORIZED" });
    const unknown = await callApp("/api/no-such-route", { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "NOT_FOUND" });
    expect((await callApp("/api/hello")).status).toBe(200);
    expect((await callApp("/dashboard")).status).toBe(307);
  });
});
