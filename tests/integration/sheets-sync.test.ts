// Google Sheets sync end to end: dispatch writes through the app, the outbox in Postgres, the
// Edge Function google-sheets on the real Deno runtime, and the real integrations/google-sheets/
// Code.gs running in the fake Apps Script web app that the test stack delivers to (global-setup).
// Requests are signed here with Node's own HMAC, from the documented contract, not our code.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startDrainer } from "../helpers/apps-script/processes";
import { sql } from "../helpers/db";
import { crewSite, dispatchRow, insertRows, type Crew } from "../helpers/factories";
import { callApp, signInCookies, type Cookie } from "../helpers/session";
import { stack, TEST_PASSWORD } from "../helpers/supabase";

type Cell = string | number | boolean;
interface SheetView {
  values: Cell[][];
  notes: Record<string, string>;
}
interface Batch {
  eventIds: string[];
  applied: string[];
}

const sheets = () => inject("sheets");
const HEADER = ["ID", "Created At", "Cluster", "Processor", "Station", "Region", "Dock Number", "LH Trip", "Plate Number", "Fleet Size", "Status", "Remarks", "User ID", "Sync Seq"];

const control = async <T>(route: string, body?: unknown): Promise<T> =>
  (await (await fetch(`${sheets().controlUrl}${route}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) })).json()) as T;
const sheetView = () => control<SheetView>("/__sheet");
const batches = async () => (await control<{ batches: Batch[] }>("/__log")).batches;
const rowsById = (view: SheetView) => new Map(view.values.slice(1).map((row) => [String(row[0]), row]));

const sign = (body: string, ts = Math.floor(Date.now() / 1000), secret = sheets().secret) =>
  `ts=${ts}&sig=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`;

const wake = () => fetch(`${stack().apiUrl}/functions/v1/google-sheets`, { method: "POST", headers: { authorization: `Bearer ${stack().serviceRoleKey}` }, body: "{}" }).then((r) => r.text());

async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The sheet's row for each dispatch as DeskOps holds it now: seed 000's 13 columns. */
async function expectedRows(ids: string[]): Promise<Map<string, Cell[]>> {
  const rows = await sql<{ id: string; created_at: Date; cluster: string; processor: string; station: string; region: string; dock_number: string; lh_trip: string | null; plate_number: string | null; fleet_size: string | null; status: string; remarks: string | null; created_by: string | null }>(
    "select * from public.dispatches where id in (select unnest($1::uuid[]))", [ids]);
  return new Map(rows.map((d) => [d.id, [d.id, d.created_at.toISOString(), d.cluster, d.processor, d.station, d.region, d.dock_number, d.lh_trip ?? "", d.plate_number ?? "", d.fleet_size ?? "", d.status, d.remarks ?? "", d.created_by ?? ""]]));
}

/** Waits until the sheet holds exactly `ids` (of those asked about) as the database has them, each once. */
async function sheetMatches(ids: string[], gone: string[] = []): Promise<void> {
  const expected = await expectedRows(ids);
  await eventually(`the sheet to mirror ${ids.length} dispatches`, async () => {
    const view = await sheetView();
    const byId = rowsById(view);
    const asked = new Set([...ids, ...gone]);
    const present = view.values.slice(1).filter((row) => asked.has(String(row[0])));
    if (present.length !== ids.length) return false;
    return ids.every((id) => JSON.stringify(byId.get(id)?.slice(0, 13)) === JSON.stringify(expected.get(id)));
  });
}

const post = (pathname: string, body: unknown, cookies: Cookie[]) =>
  callApp(pathname, { method: "POST", cookies, body: JSON.stringify(body), headers: { "content-type": "application/json" } });

let crew: Crew;
let operator: Cookie[];
let manager: Cookie[];
let viewer: Cookie[];

beforeAll(async () => {
  crew = await crewSite();
  operator = await signInCookies(crew.operator.email, TEST_PASSWORD);
  manager = await signInCookies(crew.manager.email, TEST_PASSWORD);
  viewer = await signInCookies(crew.viewer.email, TEST_PASSWORD);
});

async function createThroughApp(count: number, prefix: string): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, index) => ({ ...dispatchRow(crew.site.id), lh_trip: `${prefix}-${index}`, plate_number: `PL ${index}` }));
  const response = await post("/api/dispatch", { rows }, operator);
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: Array<{ id: string }> }).data.map((row) => row.id);
}

describe("sheets sync: DeskOps → sheet", () => {
  it("lands inserts, updates and deletes as upserts keyed by dispatch id, under seed 000's header", async () => {
    const ids = await createThroughApp(3, "UPSERT");
    await sheetMatches(ids);
    expect((await sheetView()).values[0]).toEqual(HEADER);

    const [first, second, third] = ids as [string, string, string];
    const patch = await callApp(`/api/dispatch/${first}`, { method: "PATCH", cookies: manager, body: JSON.stringify({ status: "ongoing", remarks: "Gate 4" }), headers: { "content-type": "application/json" } });
    expect(patch.status).toBe(200);
    const removal = await callApp(`/api/dispatch/${second}`, { method: "DELETE", cookies: manager });
    expect(removal.status).toBe(200);
    await sheetMatches([first, third], [second]);
    expect(rowsById(await sheetView()).get(first)?.slice(10, 12)).toEqual(["ongoing", "Gate 4"]);
  });

  it("delivers a 5,000-row bulk insert complete, each row once", async () => {
    const ids = await createThroughApp(5000, "BULK");
    await sheetMatches(ids);
    const wanted = new Set(ids);
    const seen = (await sheetView()).values.filter((row) => wanted.has(String(row[0])));
    expect(new Set(seen.map((row) => row[0])).size).toBe(5000);
  }, 120_000);

  it("loses and duplicates nothing when the script answers 500, times out, or refuses connections for a while", async () => {
    for (const fault of [{ fail500: 2 }, { hang: 1 }, { refuseForMs: 3_000 }]) {
      const faultAt = new Date();
      await control("/__control", fault);
      const ids = (await insertRows<{ id: string }>("dispatches", Array.from({ length: 20 }, (_, index) => ({ ...dispatchRow(crew.site.id), lh_trip: `FAULT-${index}` })))).map((row) => row.id);
      await wake();
      // A batch fails (ours, or another test's that came first), and its error is recorded; then
      // every retry of ours is made due now (the clock, injected) instead of waiting for the backoff.
      await eventually("a failed attempt", async () => (await sql("select 1 from private.sheets_sync_state where last_error_at >= $1", [faultAt])).length > 0, 30_000);
      // The script is back (connections are accepted again after 3 s), with no fault left over.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      await control("/__control", { fail500: 0, hang: 0 });
      await sql("update public.sheets_outbox set next_attempt_at = now() where delivered_at is null and row_id in (select unnest($1::uuid[]))", [ids]);
      await wake();
      await sheetMatches(ids);
      const [{ undelivered }] = (await sql<{ undelivered: number }>("select count(*)::integer as undelivered from public.sheets_outbox where delivered_at is null and row_id in (select unnest($1::uuid[]))", [ids])) as [{ undelivered: number }];
      expect(undelivered, JSON.stringify(fault)).toBe(0);
    }
  }, 150_000);

  it("delivers each event once with two drainers draining at the same time", async () => {
    const second = await startDrainer({ ...stack(), webAppUrl: sheets().webAppUrl, secret: sheets().secret });
    // Each execution takes a while, as Google's do, so the two drainers' batches overlap.
    await control("/__control", { latencyMs: 150 });
    try {
      const ids = (await insertRows<{ id: string }>("dispatches", Array.from({ length: 1000 }, (_, index) => ({ ...dispatchRow(crew.site.id), lh_trip: `RACE-${index}` })))).map((row) => row.id);
      const events = (await sql<{ event_id: string }>("select event_id from public.sheets_outbox where row_id in (select unnest($1::uuid[]))", [ids])).map((row) => row.event_id);
      const before = (await batches()).length;
      await Promise.all([wake(), fetch(second.url, { method: "POST", headers: { authorization: `Bearer ${stack().serviceRoleKey}` }, body: "{}" }), wake()]);
      await sheetMatches(ids);
      const ours = new Set(events);
      const sent = (await batches()).slice(before).flatMap((batch) => batch.eventIds).filter((id) => ours.has(id));
      expect(sent).toHaveLength(events.length);
      expect(new Set(sent).size).toBe(events.length);
    } finally {
      await control("/__control", { latencyMs: 0 });
      second.process.kill("SIGTERM");
    }
  }, 120_000);
});

describe("sheets sync: signatures", () => {
  const seedBody = (id: string) => JSON.stringify({ data: [{ id }], action: "update", sheet: "Dispatch Reports" });
  const webhook = (body: string, query: string) => callApp(`/api/webhooks/google-sheets?${query}`, { method: "POST", body, headers: { "content-type": "application/json" } });

  it("refuses a bad signature, an old timestamp and a replay at the webhook, and queues a good one", async () => {
    const [dispatch] = await insertRows<{ id: string }>("dispatches", [dispatchRow(crew.site.id, { lh_trip: "WEBHOOK" })]);
    const body = seedBody(dispatch!.id);
    const bad = await webhook(body, sign(body, undefined, "not-the-secret"));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: "UNAUTHORIZED", message: "The signature does not match the body" });
    expect((await webhook(body, sign(body, Math.floor(Date.now() / 1000) - 301))).status).toBe(401);
    expect((await webhook(body, "")).status).toBe(401);
    const query = sign(body);
    const good = await webhook(body, query);
    expect(good.status).toBe(202);
    expect(await good.json()).toMatchObject({ queued: 1 });
    const replay = await webhook(body, query);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ message: "This signed request was already received" });
  });

  it("answers 400 with the fields named for a signed body that is not seed 000's", async () => {
    for (const body of [JSON.stringify({ data: [{ id: "nope" }], action: "update" }), JSON.stringify({ data: [], action: "upsert" }), "not json"]) {
      const response = await webhook(body, sign(body));
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ code: "VALIDATION_ERROR" });
    }
  });

  it("has the script refuse a bad signature, an old timestamp and a replay", async () => {
    const body = JSON.stringify({ action: "apply", events: [] });
    const script = async (query: string) => (await (await fetch(`${sheets().webAppUrl}?${query}`, { method: "POST", body })).json()) as { error?: string; applied?: string[] };
    expect(await script(sign(body, undefined, "wrong"))).toEqual({ error: "The signature does not match" });
    expect(await script(sign(body, Math.floor(Date.now() / 1000) - 400))).toEqual({ error: "The signature has expired" });
    const query = sign(body);
    expect(await script(query)).toEqual({ applied: [], failed: [] });
    expect(await script(query)).toEqual({ error: "This signed request was already received" });
  });
});

describe("sheets sync: sheet → DeskOps", () => {
  it("applies a status edit made in the sheet, reverts an illegal one and every edit to a column DeskOps owns", async () => {
    const [first, second] = await createThroughApp(2, "EDIT");
    await sheetMatches([first!, second!]);

    const applied = await control<{ value: Cell; note: string | null }>("/__edit", { dispatchId: first, column: "Status", value: "ongoing" });
    expect(applied).toEqual({ value: "ongoing", note: null });
    const [row] = await sql<{ status: string }>("select status from public.dispatches where id = $1", [first]);
    expect(row?.status).toBe("ongoing");
    const [audit] = await sql<{ actor_id: string }>("select actor_id from public.audit_log where row_id = $1 and action = 'update' order by id desc limit 1", [first]);
    expect(audit?.actor_id).toBe("5ee75000-0000-4000-8000-000000000001");

    const illegal = await control<{ value: Cell; note: string | null }>("/__edit", { dispatchId: first, column: "Status", value: "pending" });
    expect(illegal.value).toBe("ongoing");
    expect(illegal.note).toContain("A ongoing dispatch cannot become pending");

    const remarks = await control<{ value: Cell; note: string | null }>("/__edit", { dispatchId: second, column: "Remarks", value: "Call before arrival" });
    expect(remarks.note).toBeNull();
    expect((await sql<{ remarks: string }>("select remarks from public.dispatches where id = $1", [second]))[0]?.remarks).toBe("Call before arrival");

    const owned = await control<{ value: Cell; note: string | null }>("/__edit", { dispatchId: second, column: "Plate Number", value: "HACKED" });
    expect(owned.value).toBe("PL 1");
    expect(owned.note).toContain("DeskOps owns this column");
    await sheetMatches([first!, second!]);
  });
});

describe("sheets sync: operations", () => {
  it("shows admins and managers the outbox's state, and refuses viewers", async () => {
    const response = await callApp("/api/sheets/status", { cookies: manager });
    expect(response.status).toBe(200);
    const { status } = (await response.json()) as { status: Record<string, unknown> };
    for (const count of ["delivered", "pending", "failed", "dead"]) expect(typeof status[count], count).toBe("number");
    expect(Number(status.delivered)).toBeGreaterThan(0);
    expect((await callApp("/api/sheets/status", { cookies: viewer })).status).toBe(403);
  });

  it("replays dead events and backfills a date range without duplicating a row", async () => {
    const [dispatch] = await insertRows<{ id: string }>("dispatches", [dispatchRow(crew.site.id, { lh_trip: "DEAD", dispatch_date: "2026-03-03" })]);
    await sql("update public.sheets_outbox set delivered_at = null, dead_at = now(), attempts = 12, last_error = 'test: dead' where row_id = $1", [dispatch!.id]);
    const status = (await (await callApp("/api/sheets/status", { cookies: manager })).json()) as { status: { dead: number } };
    expect(status.status.dead).toBeGreaterThan(0);
    const replay = await post("/api/sheets/replay", {}, manager);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { replayed: number }).replayed).toBeGreaterThan(0);
    await sheetMatches([dispatch!.id]);

    const backfill = await post("/api/sheets/backfill", { dateFrom: "2026-03-03", dateTo: "2026-03-03" }, manager);
    expect(backfill.status).toBe(202);
    expect(((await backfill.json()) as { queued: number }).queued).toBe(1);
    await eventually("the backfill to be delivered", async () => (await sql("select 1 from public.sheets_outbox where row_id = $1 and delivered_at is null", [dispatch!.id])).length === 0);
    await sheetMatches([dispatch!.id]);
    expect((await post("/api/sheets/backfill", { dateFrom: "2026-03-04", dateTo: "2026-03-03" }, manager)).status).toBe(400);
    expect((await post("/api/sheets/backfill", { dateFrom: "2026-03-03", dateTo: "2026-03-03" }, viewer)).status).toBe(403);
  });

  it("reconciles: reports every drift between the sheet and dispatches and repairs it", async () => {
    const [changed, removed] = await createThroughApp(2, "DRIFT");
    await sheetMatches([changed!, removed!]);
    const stray = "0badc0de-0000-4000-8000-000000000000";
    await control("/__tamper", { set: { dispatchId: changed, column: "Cluster", value: "Typed over" } });
    await control("/__tamper", { deleteRow: removed });
    await control("/__tamper", { appendRow: [stray, "", "Ghost", "", "", "", "", "", "", "", "pending", "", "", 1] });

    expect((await post("/api/sheets/reconcile", {}, viewer)).status).toBe(403);
    const response = await post("/api/sheets/reconcile", {}, manager);
    expect(response.status).toBe(200);
    const { report } = (await response.json()) as { report: { different: number; missing: number; extra: number; examples: Array<{ id: string; kind: string }> } };
    expect(report.different).toBeGreaterThanOrEqual(1);
    expect(report.missing).toBeGreaterThanOrEqual(1);
    expect(report.extra).toBeGreaterThanOrEqual(1);
    await sheetMatches([changed!, removed!], [stray]);
    const status = (await (await callApp("/api/sheets/status", { cookies: manager })).json()) as { status: { lastReconcileAt: string | null } };
    expect(status.status.lastReconcileAt).not.toBeNull();
  });

  it("reconciles twice in the same second: each signed call to the script is its own", async () => {
    // The script refuses a signature it has seen; two identical snapshot calls used to sign alike.
    const answers = await Promise.all([post("/api/sheets/reconcile", {}, manager), post("/api/sheets/reconcile", {}, manager)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
  });

  afterAll(async () => {
    // At the end the sheet equals this site's dispatches row for row.
    const ids = (await sql<{ id: string }>("select id from public.dispatches where site_id = $1", [crew.site.id])).map((row) => row.id);
    await wake();
    await sheetMatches(ids);
  }, 120_000);
});
