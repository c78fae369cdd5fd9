// A row's history through the API, and a deleted row brought back from it by a manager (issue 16):
// whole (its id, creator and times), once, with every trigger run as for an insert.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { catalogueId, createSite, dispatchRow, insertRows, type SiteRow } from "../helpers/factories";
import { callApp, crewCookies, type Cookie, type CrewRole } from "../helpers/session";

let site: SiteRow;
let otherSite: SiteRow;
let cookies: Record<CrewRole, Cookie[]>;

beforeAll(async () => {
  [site, otherSite] = await Promise.all([createSite(), createSite()]);
  cookies = await crewCookies(site.id, otherSite.id);
}, 60_000);

type Json = Record<string, unknown>;
const call = async (method: string, path: string, as: Cookie[]) => {
  const response = await callApp(path, { method, cookies: as });
  return { status: response.status, body: (await response.json()) as Json };
};

describe("api: audit history and restore", () => {
  it("lists a row's history, and lets a manager restore a deleted dispatch whole, once", async () => {
    const [row] = await insertRows<{ id: string; created_at: string; created_by: string }>("dispatches", [dispatchRow(site.id, { remarks: "first" })]);
    const id = row!.id;
    const update = await callApp(`/api/dispatch/${id}`, { method: "PATCH", cookies: cookies.manager, headers: { "content-type": "application/json" }, body: JSON.stringify({ remarks: "second" }) });
    expect(update.status).toBe(200);
    const removed = await callApp(`/api/dispatch/${id}`, { method: "DELETE", cookies: cookies.manager });
    expect(removed.status).toBe(200);

    const history = await call("GET", `/api/audit/dispatches/${id}`, cookies.manager);
    expect(history.status).toBe(200);
    const entries = history.body.entries as Array<{ action: string; changes: Array<[string, unknown, unknown]> }>;
    expect(entries.map((entry) => entry.action)).toEqual(["insert", "update", "delete"]);
    expect(entries[1]!.changes).toEqual([["remarks", "first", "second"]]);

    // Not for an operator or another site's manager: they are told there is nothing to restore.
    expect((await call("POST", `/api/audit/dispatches/${id}/restore`, cookies.operator)).status).toBe(404);
    expect((await call("POST", `/api/audit/dispatches/${id}/restore`, cookies.outsider)).status).toBe(404);

    const restored = await call("POST", `/api/audit/dispatches/${id}/restore`, cookies.manager);
    expect(restored.status).toBe(201);
    expect(restored.body.row).toMatchObject({ id, remarks: "second", created_by: row!.created_by, site_id: site.id });
    const [back] = await sql<{ created_at: Date }>("select created_at from public.dispatches where id = $1", [id]);
    expect(back!.created_at.toISOString()).toBe(new Date(row!.created_at).toISOString());
    // The Google Sheet hears of it again, and the history says who brought it back.
    const [outbox] = await sql<{ n: string }>("select count(*) as n from public.sheets_outbox where row_id = $1 and action = 'insert'", [id]);
    expect(Number(outbox!.n)).toBe(2);
    const after = (await call("GET", `/api/audit/dispatches/${id}`, cookies.manager)).body.entries as Array<{ action: string }>;
    expect(after.map((entry) => entry.action)).toEqual(["insert", "update", "delete", "insert"]);

    expect((await call("POST", `/api/audit/dispatches/${id}/restore`, cookies.manager)).status).toBe(409);
  });

  it("puts a restored production row back in the inventory", async () => {
    const materialId = await catalogueId("materials", "RA-0-5");
    const created = await callApp("/api/production", {
      method: "POST",
      cookies: cookies.operator,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ siteId: site.id, date: "2026-02-03", materialId, operation: "crushing", qtyTon: 12.5 }),
    });
    const { production } = (await created.json()) as { production: { id: string } };
    const produced = async () =>
      (await sql<{ produced: string | null }>("select sum(produced_ton)::text as produced from private.stock_moves_daily where site_id = $1 and material_id = $2", [site.id, materialId]))[0]!.produced;
    expect(await produced()).toBe("12.500");
    expect((await callApp(`/api/production/${production.id}`, { method: "DELETE", cookies: cookies.manager })).status).toBe(200);
    expect(await produced()).toBeNull();
    expect((await call("POST", `/api/audit/production/${production.id}/restore`, cookies.manager)).status).toBe(201);
    expect(await produced()).toBe("12.500");
  });

  it("refuses an unknown table and a malformed id with 400", async () => {
    expect((await call("GET", "/api/audit/profiles/5e000000-0000-4000-8000-000000000001", cookies.manager)).status).toBe(400);
    expect((await call("POST", "/api/audit/dispatches/not-a-uuid/restore", cookies.manager)).status).toBe(400);
  });
});
