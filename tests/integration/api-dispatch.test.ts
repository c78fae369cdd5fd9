// /api/dispatch over HTTP as signed-in users: list, filters, pagination, CSV export, bulk and
// single creation with idempotency, status changes and deletes, and every kind of bad input.
import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { catalogueId, createSite, createUser, dispatchRow, insertRows, type SiteRow } from "../helpers/factories";
import { callApp, crewCookies, sessionFromCookies, type Cookie, type CrewRole } from "../helpers/session";
import { stack } from "../helpers/supabase";

let site: SiteRow;
let otherSite: SiteRow;
let cookies: Record<CrewRole, Cookie[]>;

beforeAll(async () => {
  [site, otherSite] = await Promise.all([createSite({ timezone: "Asia/Manila" }), createSite()]);
  cookies = await crewCookies(site.id, otherSite.id);
}, 60_000);

type Json = Record<string, unknown>;
const asJson = async (response: Response) => ({ status: response.status, body: (await response.json()) as Json });
const get = (path: string, as: Cookie[]) => callApp(path, { cookies: as });
const send = (method: string, path: string, body: unknown, as: Cookie[], headers: Record<string, string> = {}) =>
  callApp(path, { method, cookies: as, body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

const bulkRow = (index: number, overrides: Json = {}) => ({
  site_id: site.id, cluster: "Pasig Cluster A", processor: "Pasig Processing Center", station: "Pasig Station",
  region: "NCR", dock_number: `D-${(index % 24) + 1}`, lh_trip: `LH-${index}`, plate_number: `ABC ${1000 + index}`, ...overrides,
});

describe("api: dispatch.create", () => {
  it("creates 5,000 rows in one POST, answers 201 with every row, and a retried Idempotency-Key inserts nothing", async () => {
    const key = randomUUID();
    const rows = Array.from({ length: 5000 }, (_, i) => bulkRow(i));
    const first = await asJson(await send("POST", "/api/dispatch", { rows }, cookies.operator, { "idempotency-key": key }));
    expect(first.status).toBe(201);
    const data = first.body.data as Array<{ id: string; row_no: number; lh_trip: string }>;
    expect(data).toHaveLength(5000);
    expect(data[4999]).toMatchObject({ row_no: 5000, lh_trip: "LH-4999" });
    expect(first.body.message).toBe("5000 dispatch report(s) created successfully");

    const retry = await asJson(await send("POST", "/api/dispatch", { rows }, cookies.operator, { "idempotency-key": key }));
    expect(retry.status).toBe(201);
    expect((retry.body.data as Array<{ id: string }>).map((row) => row.id)).toEqual(data.map((row) => row.id));
  });

  it("refuses the same Idempotency-Key with a different body (422) and keeps two users' equal keys apart", async () => {
    const key = randomUUID();
    const first = await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1, { lh_trip: "IDEM-FIRST" })] }, cookies.operator, { "idempotency-key": key }));
    expect(first.status).toBe(201);
    const reused = await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1, { lh_trip: "IDEM-OTHER" })] }, cookies.operator, { "idempotency-key": key }));
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await sql("select 1 from public.dispatches where lh_trip = 'IDEM-OTHER' and site_id = $1", [site.id])).toEqual([]);
    // The manager of the same site sends the operator's (UUID-shaped) key: their own rows are made.
    const manager = await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1, { lh_trip: "IDEM-MANAGER" })] }, cookies.manager, { "idempotency-key": key }));
    expect(manager.status).toBe(201);
    expect((manager.body.data as Array<{ lh_trip: string }>).map((row) => row.lh_trip)).toEqual(["IDEM-MANAGER"]);
  });

  it("takes seed 001's single camelCase dispatch", async () => {
    const materialId = await catalogueId("materials", "RA-5-20");
    const { status, body } = await asJson(await send("POST", "/api/dispatch", { siteId: site.id, date: "2026-05-02T00:00:00.000Z", materialId, qtyTon: 18.25 }, cookies.operator));
    expect(status).toBe(201);
    expect(body.data).toEqual([expect.objectContaining({ site_id: site.id, dispatch_date: "2026-05-02", material_id: materialId, qty_ton: 18.25, status: "pending" })]);
  });

  it("rejects a batch with one bad row, naming the row, and saves nothing", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => bulkRow(i, i === 6 ? { qty_ton: -3 } : {}));
    const { status, body } = await asJson(await send("POST", "/api/dispatch", { rows, batch_id: randomUUID() }, cookies.operator));
    expect(status).toBe(400);
    expect(body.code).toBe("VALIDATION_ERROR");
    expect((body.details as { issues: Array<{ row: number; path: string }> }).issues).toEqual([expect.objectContaining({ row: 7, path: "rows.7.qty_ton" })]);
  });

  it("names every row the database refuses in a 5,000-row batch (unknown material, a dispatch of 9999), and saves nothing", async () => {
    const materialId = await catalogueId("materials", "RA-5-20");
    const unknown = randomUUID();
    const rows = Array.from({ length: 5000 }, (_, i) => bulkRow(i, { lh_trip: `SETWISE-${i}`, material_id: i === 4999 || i === 99 ? unknown : materialId, qty_ton: 3 }));
    const batchId = randomUUID();
    const { status, body } = await asJson(await send("POST", "/api/dispatch", { rows, batch_id: batchId }, cookies.operator));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "VALIDATION_ERROR", message: "Row 100: Unknown material (2 rows need fixing)" });
    expect((body.details as { issues: unknown[] }).issues).toEqual([
      { row: 100, path: "rows.100.material_id", message: "Unknown material" },
      { row: 5000, path: "rows.5000.material_id", message: "Unknown material" },
    ]);
    const [saved] = await sql<{ n: string }>("select count(*) as n from public.dispatches where lh_trip like 'SETWISE-%'");
    expect(Number(saved!.n)).toBe(0);

    const future = await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1, { dispatch_date: "9999-12-31" })] }, cookies.operator));
    expect(future.status).toBe(400);
    expect((future.body.details as { issues: Array<{ path: string; message: string }> }).issues).toEqual([
      expect.objectContaining({ path: "rows.1.dispatch_date", message: "Use a date from 2000-01-01 to a year from today" }),
    ]);
  });

  it("answers bad input with 400 / 413, a viewer with 403 and no session with 401", async () => {
    expect((await asJson(await send("POST", "/api/dispatch", "{oops", cookies.operator))).status).toBe(400);
    expect((await asJson(await send("POST", "/api/dispatch", { rows: [] }, cookies.operator))).status).toBe(400);
    expect((await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1, { colour: "red" })] }, cookies.operator))).status).toBe(400);
    const huge = JSON.stringify({ rows: [bulkRow(1, { remarks: "x".repeat(6_000_000) })] });
    expect((await send("POST", "/api/dispatch", huge, cookies.operator)).status).toBe(413);
    const viewer = await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1)] }, cookies.viewer));
    expect(viewer.status).toBe(403);
    expect(viewer.body.code).toBe("FORBIDDEN");
    expect((await send("POST", "/api/dispatch", { rows: [bulkRow(1)] }, [])).status).toBe(401);
    const unknownMaterial = await asJson(await send("POST", "/api/dispatch", { rows: [bulkRow(1, { material_id: randomUUID(), qty_ton: 1 })] }, cookies.operator));
    expect(unknownMaterial.status).toBe(400);
  });
});

describe("api: dispatch.list", () => {
  it("lists newest first with the creator's ops_id and names, filtered, in stable cursor pages", async () => {
    const created = await insertRows<{ id: string }>("dispatches", Array.from({ length: 7 }, (_, i) =>
      dispatchRow(site.id, { region: "Visayas", cluster: i % 2 ? "Cebu Cluster B" : "Iloilo Cluster A", dispatch_date: "2026-03-0" + (1 + (i % 3)) })));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/dispatch?region=Visayas&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, body } = await asJson(await get(query, cookies.viewer));
      expect(status).toBe(200);
      expect(body.filters).toMatchObject({ region: "Visayas", limit: 3 });
      const data = body.data as Array<{ id: string; created_at: string; users: unknown }>;
      seen.push(...data.map((row) => row.id));
      cursor = body.nextCursor as string | null;
    } while (cursor);
    expect(seen.sort()).toEqual(created.map((row) => row.id).sort());

    const cebu = await asJson(await get("/api/dispatch?region=Visayas&cluster=cebu", cookies.viewer));
    expect((cebu.body.data as unknown[]).length).toBe(3);
    const bySite = await asJson(await get(`/api/dispatch?siteId=${site.id}&dateFrom=2026-03-02&dateTo=2026-03-02`, cookies.viewer));
    const dates = (bySite.body.data as Array<{ dispatch_date: string }>).map((row) => row.dispatch_date);
    expect(dates.length).toBeGreaterThan(0);
    expect(new Set(dates)).toEqual(new Set(["2026-03-02"]));
    const withCreator = (bySite.body.data as Array<{ users: unknown }>)[0]!;
    expect(withCreator).toHaveProperty("users");
  });

  it("hides other sites' rows and refuses unknown parameters and bad ranges", async () => {
    const [foreign] = await insertRows<{ id: string }>("dispatches", [dispatchRow(otherSite.id, { region: "Mindanao-only" })]);
    const mine = await asJson(await get("/api/dispatch?region=Mindanao-only", cookies.viewer));
    expect(mine.body.data).toEqual([]);
    const theirs = await asJson(await get("/api/dispatch?region=Mindanao-only", cookies.outsider));
    expect((theirs.body.data as Array<{ id: string }>).map((row) => row.id)).toEqual([foreign!.id]);
    expect((await asJson(await get("/api/dispatch?colour=red", cookies.viewer))).status).toBe(400);
    expect((await asJson(await get("/api/dispatch?dateFrom=2026-03-05&dateTo=2026-03-01", cookies.viewer))).status).toBe(400);
    expect((await asJson(await get("/api/dispatch?limit=1001", cookies.viewer))).status).toBe(400);
    expect((await get("/api/dispatch", [])).status).toBe(401);
  });

  it("exports CSV with a BOM, seed 000's columns, neutralised formulas and intact commas, quotes and newlines", async () => {
    const tricky = 'Fragile, "handle" with care\nsecond line';
    await insertRows("dispatches", [
      dispatchRow(site.id, { region: "CSV-Region", remarks: "=HYPERLINK(\"http://evil.test\",\"x\")" }),
      dispatchRow(site.id, { region: "CSV-Region", remarks: tricky }),
    ]);
    const response = await callApp("/api/dispatch?region=CSV-Region&export=csv", { cookies: cookies.viewer, headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="dispatch-reports-\d{4}-\d{2}-\d{2}\.csv"$/);
    // Sent as it is, though the client takes gzip: compressing it in the app is slower than the link.
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("cache-control")).toContain("no-transform");
    // ignoreBOM keeps the BOM in the text instead of swallowing it.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(["ID", "Created At", "Cluster", "Processor", "Station", "Region", "Dock Number", "LH Trip", "Plate Number", "Fleet Size", "Status", "Remarks", "Created By"]);
    const remarks = parsed.data.slice(1).map((row) => row[11]);
    expect(remarks).toContain(tricky);
    expect(remarks).toContain("'=HYPERLINK(\"http://evil.test\",\"x\")");
  });
});

describe("api: dispatch export across slices", () => {
  it("exports every row exactly once, in order, over many slices with tied timestamps", async () => {
    // One statement: every row has the same created_at, so only the id orders them.
    const rows = await insertRows<{ id: string; dispatch_date: string; created_at: string }>("dispatches", Array.from({ length: 2500 }, (_, i) =>
      dispatchRow(site.id, { region: "Paged-Region", dispatch_date: `2026-04-0${1 + (i % 3)}` })));
    const exportedText = async (query: string, as = cookies.viewer) => {
      const response = await get(`/api/dispatch?${query}&export=csv`, as);
      expect(response.status).toBe(200);
      return (await response.text()).replace(/^\uFEFF/, "");
    };
    // Every field is quoted, as seed 000 writes them: the id is the first.
    const idsOf = (text: string) => text.split("\n").slice(1).filter(Boolean).map((line) => /^"([0-9a-f-]{36})",/.exec(line)?.[1]);
    const byIdDesc = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : -1);

    // Seed 000's order: newest created first. The test stack's slices are 100 rows: 25 here.
    expect(idsOf(await exportedText("region=Paged-Region"))).toEqual([...rows].sort(byIdDesc).map((row) => row.id));
    // Seed 001's order when a site is asked for: dispatch date first.
    const byDate = [...rows].sort((a, b) => (a.dispatch_date === b.dispatch_date ? byIdDesc(a, b) : a.dispatch_date < b.dispatch_date ? 1 : -1));
    expect(idsOf(await exportedText(`siteId=${site.id}&region=Paged-Region`))).toEqual(byDate.map((row) => row.id));
    // The filters hold in every slice: one day of the three.
    expect(idsOf(await exportedText(`siteId=${site.id}&region=Paged-Region&dateFrom=2026-04-02&dateTo=2026-04-02`)))
      .toEqual(byDate.filter((row) => row.dispatch_date === "2026-04-02").map((row) => row.id));
    // Someone who cannot see the site gets the header alone.
    expect(idsOf(await exportedText("region=Paged-Region", cookies.outsider))).toEqual([]);
  });
});

describe("functions: exports/dispatch-csv", () => {
  const call = (query: string, token?: string) =>
    fetch(`${stack().apiUrl}/functions/v1/exports/dispatch-csv?${query}`, { headers: token ? { authorization: `Bearer ${token}`, apikey: stack().anonKey } : {} });
  let token: string;
  beforeAll(async () => {
    token = (await sessionFromCookies(cookies.viewer)).access_token;
  });

  it("answers a slice and where the next one starts, for the caller's rows only", async () => {
    await insertRows("dispatches", Array.from({ length: 150 }, () => dispatchRow(site.id, { region: "Fn-Region" })));
    const first = await call("region=Fn-Region&by_date=false", token);
    expect(first.status).toBe(200);
    expect((await first.text()).split("\n").filter(Boolean)).toHaveLength(100);
    const next = first.headers.get("x-next-slice");
    expect(next).toMatch(/^after_date=\d{4}-\d{2}-\d{2}&after_created=[^&]+&after_id=[0-9a-f-]{36}$/);
    const last = await call(`region=Fn-Region&by_date=false&${next}`, token);
    expect((await last.text()).split("\n").filter(Boolean)).toHaveLength(50);
    expect(last.headers.get("x-next-slice")).toBeNull();
  });

  it("refuses a caller Auth does not know (401) and a query it does not take (400), in DESIGN.md's error shape", async () => {
    expect((await call("by_date=false")).status).toBe(401);
    // The service role is no user: Auth has none for it.
    const service = await call("by_date=false", stack().serviceRoleKey);
    expect(service.status).toBe(401);
    for (const query of ["colour=red", "site_id=not-a-uuid", "date_from=2026-02-30", "after_id=" + randomUUID(), "created_from=yesterday"]) {
      const response = await call(query, token);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(await response.json()).toMatchObject({ code: "VALIDATION_ERROR", message: expect.any(String) });
    }
  });
});

describe("api: dispatch.update and delete", () => {
  it("moves a dispatch through its lifecycle and refuses a step back", async () => {
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site.id)]);
    const patch = (body: Json, as = cookies.manager) => send("PATCH", `/api/dispatch/${row!.id}`, body, as).then(asJson);
    expect((await patch({ status: "ongoing" })).body.data).toMatchObject({ status: "ongoing" });
    const back = await patch({ status: "pending" });
    expect(back.status).toBe(400);
    expect(back.body.code).toBe("VALIDATION_ERROR");
    expect((await patch({ status: "completed", remarks: "Delivered" })).body.data).toMatchObject({ status: "completed", remarks: "Delivered" });
    expect((await patch({ colour: "red" })).status).toBe(400);
  });

  it("answers 403 to a user who can see but not change, 404 across sites, and lets managers delete", async () => {
    const user = await createUser("creator");
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site.id, { created_by: user.id })]);
    const byViewer = await asJson(await send("PATCH", `/api/dispatch/${row!.id}`, { remarks: "no" }, cookies.viewer));
    expect(byViewer.status).toBe(403);
    expect((await asJson(await send("PATCH", `/api/dispatch/${row!.id}`, { remarks: "no" }, cookies.outsider))).status).toBe(404);
    expect((await asJson(await send("DELETE", `/api/dispatch/${row!.id}`, undefined, cookies.operator))).status).toBe(403);
    expect((await asJson(await send("DELETE", `/api/dispatch/${row!.id}`, undefined, cookies.manager))).body.data).toEqual({ id: row!.id });
    expect((await asJson(await send("DELETE", `/api/dispatch/${row!.id}`, undefined, cookies.manager))).status).toBe(404);
    expect((await asJson(await send("DELETE", "/api/dispatch/not-a-uuid", undefined, cookies.manager))).status).toBe(400);
  });
});
