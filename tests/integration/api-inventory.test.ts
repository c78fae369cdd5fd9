// /api/inventory in seed 001's snapshot shape from the ledger, recording entries; and proxy.ts
// guarding /api and /dashboard.
import { beforeAll, describe, expect, it } from "vitest";
import { catalogueId, createSite, insertRows, memberOf, type SiteRow } from "../helpers/factories";
import { callApp, signInCookies, type Cookie } from "../helpers/session";
import { TEST_PASSWORD } from "../helpers/supabase";
import { isProtected } from "@/lib/supabase/proxy";

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

describe("proxy: protected paths", () => {
  it("answers 401 for any /api route without a session, before the route runs", async () => {
    const response = await callApp("/api/no-such-route");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Sign in to continue.", code: "UNAUTHORIZED" });
    expect((await callApp("/api/hello")).status).toBe(200);
    expect((await callApp("/dashboard")).status).toBe(307);
  });

  it("knows which paths are public", () => {
    expect(isProtected("/api/dispatch")).toBe(true);
    expect(isProtected("/dashboard/dispatch")).toBe(true);
    expect(isProtected("/api/hello")).toBe(false);
    expect(isProtected("/api/auth/session")).toBe(false);
    expect(isProtected("/api/webhooks/google-sheets")).toBe(false);
    expect(isProtected("/")).toBe(false);
  });
});
