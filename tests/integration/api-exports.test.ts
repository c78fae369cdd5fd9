// Export jobs end to end: seed 001's routes on the app, the Edge Function `exports` on the real
// Deno runtime, Postgres and Storage of the local stack. The test stack makes CSV slices of 100
// rows (global-setup), so the 250 dispatches below are written in three slices and three parts.
// Expected rows are read from the tables themselves and shaped here, not by the export's SQL.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, catalogueId, createEquipment, createUser, crewSite, insertRows, type Crew, type TestUser } from "../helpers/factories";
import { sql, withDb } from "../helpers/db";
import { callApp, signInCookies, type Cookie } from "../helpers/session";
import { serviceClient, stack, TEST_PASSWORD } from "../helpers/supabase";

type Value = string | number | null;
interface Job {
  id: string;
  status: string;
  progress: number;
  fileHash: string | null;
  fileSize: number | null;
  errorMessage: string | null;
  expiresAt: string | null;
}

const FROM = "2026-12-20";
const TO = "2027-01-10";
const TRICKY = ["=HYPERLINK(\"http://evil\")", "+1+2", "-3", "@SUM(A1)", "comma, \"quoted\"", "line\nbreak", "Ñandú 漢字", "x;=1+1"];

let crew: Crew;
let cookies: Cookie[];
let stranger: Cookie[];
let strangerUser: TestUser;
let materials: [{ id: string; code: string }, { id: string; code: string }];

const days = (from: string, count: number) =>
  Array.from({ length: count }, (_, index) => new Date(Date.parse(`${from}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10));

beforeAll(async () => {
  crew = await crewSite("Asia/Manila");
  cookies = await signInCookies(crew.manager.email, TEST_PASSWORD);
  strangerUser = await createUser("stranger");
  await addMember(crew.site.id, strangerUser.id, "viewer");
  stranger = await signInCookies(strangerUser.email, TEST_PASSWORD);
  materials = [{ code: "RA-0-5", id: await catalogueId("materials", "RA-0-5") }, { code: "ROADBASE", id: await catalogueId("materials", "ROADBASE") }];
  const span = days(FROM, 22);
  await insertRows("dispatches", Array.from({ length: 250 }, (_, index) => ({
    site_id: crew.site.id, dispatch_date: span[index % span.length], cluster: `Cluster ${index % 7}`, processor: "Pasig Processing Center",
    station: "Pasig Station", region: "NCR", dock_number: `D-${index % 9}`, lh_trip: `LH-${index}`, plate_number: `ABC ${1000 + index}`,
    fleet_size: "10-wheeler", material_id: index % 3 === 0 ? materials[index % 2 === 0 ? 0 : 1].id : null, qty_ton: index % 3 === 0 ? 10 + (index % 5) * 0.125 : null,
    status: "completed", remarks: TRICKY[index % TRICKY.length],
  })));
  await insertRows("production", span.flatMap((day, index) => materials.map((material, which) => ({
    site_id: crew.site.id, date: day, material_id: material.id, operation: "crushing", qty_ton: 100 + index + which * 0.5, shift: "morning", notes: TRICKY[index % TRICKY.length],
  }))));
  await insertRows("received_materials", span.map((day, index) => ({ site_id: crew.site.id, date: day, material_id: materials[index % 2 === 0 ? 0 : 1].id, qty_ton: 40 + index, source: "Municipal CDW", vehicle_ref: `TRK-${index}` })));
  const machine = await createEquipment(crew.site.id);
  await insertRows("equipment_logs", span.map((day, index) => ({ site_id: crew.site.id, date: day, equipment_id: machine, hours_run: 8 + (index % 4), hours_down: 1, fuel_liters: 55.5 })));
  const role = await catalogueId("manpower_roles", "SORTER");
  await insertRows("manpower_logs", span.map((day, index) => ({ site_id: crew.site.id, date: day, role_id: role, headcount: 5 + (index % 3), hours: 40, shift: "morning" })));
  await insertRows("inventory_entries", [{ site_id: crew.site.id, date: FROM, material_id: materials[0].id, kind: "opening", qty_ton: 500 }]);
}, 120_000);

// The test's own model of each daily report: the tables' rows, in (date, created_at, id) order.
const order = <Row extends { created_at: string; id: string }>(dateOf: (row: Row) => string) => (a: Row, b: Row) =>
  dateOf(a).localeCompare(dateOf(b)) || Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function expectedRecords(module: string): Promise<Value[][]> {
  const db = serviceClient();
  const site = crew.site.id;
  const num = (value: unknown) => (value === null ? null : Number(value));
  if (module === "dispatch") {
    const { data } = await db.from("dispatches").select("*, materials(code)").eq("site_id", site);
    return (data ?? []).sort(order((row) => row.dispatch_date)).map((row) => [row.dispatch_date, row.cluster, row.processor, row.station, row.region, row.dock_number, row.lh_trip, row.plate_number, row.fleet_size, row.materials?.code ?? null, num(row.qty_ton), row.status, row.remarks]);
  }
  if (module === "production") {
    const { data } = await db.from("production").select("*, materials(code)").eq("site_id", site);
    return (data ?? []).sort(order((row) => row.date)).map((row) => [row.date, row.materials.code, row.operation, row.shift, num(row.qty_ton), row.notes]);
  }
  if (module === "received") {
    const { data } = await db.from("received_materials").select("*, materials(code)").eq("site_id", site);
    return (data ?? []).sort(order((row) => row.date)).map((row) => [row.date, row.materials.code, row.source, row.vehicle_ref, num(row.qty_ton), row.notes]);
  }
  if (module === "equipment") {
    const { data } = await db.from("equipment_logs").select("*, equipment(code)").eq("site_id", site);
    return (data ?? []).sort(order((row) => row.date)).map((row) => [row.date, row.equipment.code, num(row.hours_run), num(row.hours_down), num(row.fuel_liters), row.notes]);
  }
  const { data } = await db.from("manpower_logs").select("*, manpower_roles(code)").eq("site_id", site);
  return (data ?? []).sort(order((row) => row.date)).map((row) => [row.date, row.manpower_roles.code, row.shift, num(row.headcount), num(row.hours), row.notes]);
}

/** CSV's view of a cell: numbers as numbers, and the formula guard on text. */
const csvCell = (value: Value) => (value === null ? "" : typeof value === "number" ? value : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const fromCsv = (text: string) => (text !== "" && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

async function createJob(body: Record<string, unknown>, as: Cookie[] = cookies): Promise<Response> {
  return callApp("/api/exports", { method: "POST", cookies: as, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function exportJob(module: string, format: string, granularity = "daily", range = { dateFrom: FROM, dateTo: TO }): Promise<Job> {
  const response = await createJob({ siteId: crew.site.id, module, format, granularity, ...range });
  expect(response.status, await response.clone().text()).toBe(201);
  const { exportJob: job } = (await response.json()) as { exportJob: Job };
  return waitFor(job.id);
}

async function waitFor(jobId: string, until = (job: Job) => ["completed", "failed", "cancelled"].includes(job.status), as: Cookie[] = cookies): Promise<Job> {
  for (let tries = 0; tries < 600; tries += 1) {
    const response = await callApp(`/api/exports/${jobId}`, { cookies: as });
    const { job } = (await response.json()) as { job: Job };
    if (until(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`export ${jobId} did not finish`);
}

async function download(job: Job): Promise<Buffer> {
  const response = await callApp(`/api/exports/${job.id}/download`, { cookies });
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(job.fileHash);
  expect(bytes.length).toBe(job.fileSize);
  return bytes;
}

async function sheetOf(job: Job): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await download(job)).buffer);
  const [sheet] = workbook.worksheets;
  if (!sheet) throw new Error("the workbook has no sheet");
  return sheet;
}

/** A sheet's rows as values, every column of the header's width: dates as YYYY-MM-DD, empty cells null. */
async function sheetRows(job: Job): Promise<Value[][]> {
  const rows = (await sheetOf(job)).getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : []));
  const width = rows[0]?.length ?? 0;
  const asCell = (value: unknown): Value => (value instanceof Date ? value.toISOString().slice(0, 10) : value === undefined ? null : (value as Value));
  return rows.map((row) => Array.from({ length: width }, (_, index) => asCell(row[index])));
}

function sums(rows: Value[][], columns: number[]): number[] {
  return columns.map((column) => Math.round(rows.reduce((total, row) => total + Number(row[column] ?? 0), 0) * 1000) / 1000);
}

const RECORD_MODULES = ["dispatch", "production", "received", "equipment", "manpower"] as const;
// The columns each daily report sums in its totals row.
const TOTAL_COLUMNS: Record<(typeof RECORD_MODULES)[number], number[]> = { dispatch: [10], production: [4], received: [4], equipment: [2, 3, 4], manpower: [3, 4] };

describe("api: exports (CSV)", () => {
  it.each(RECORD_MODULES)("writes every %s record, formula-safe, with a BOM and the seed's download headers", async (module) => {
    const job = await exportJob(module, "csv");
    expect(job.status, job.errorMessage ?? "").toBe("completed");
    const response = await callApp(`/api/exports/${job.id}/download`, { cookies });
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${module}_${FROM}_to_${TO}.csv"`);
    // The stored bytes as they are: not gzipped again by the app.
    expect(response.headers.get("content-encoding")).toBeNull();
    await response.body?.cancel();
    const bytes = await download(job);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [, ...rows] = Papa.parse<string[]>(bytes.toString("utf8").slice(1), { skipEmptyLines: true }).data;
    const expected = await expectedRecords(module);
    expect(rows.map((row) => row.map(fromCsv))).toEqual(expected.map((row) => row.map(csvCell)));
    // Excel in a ';' locale must see one text cell, not x and a formula.
    if (module === "dispatch" || module === "production") expect(bytes.toString("utf8")).toContain('"x;=1+1"');
  });

  it("adds the weekly and monthly totals across a month and a year end, by the site's calendar days", async () => {
    const { data } = await serviceClient().from("production").select("date, qty_ton, materials(code)").eq("site_id", crew.site.id);
    const production = (data ?? []) as unknown as Array<{ date: string; qty_ton: number; materials: { code: string } }>;
    const monday = (day: string) => {
      const date = new Date(`${day}T00:00:00Z`);
      return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    for (const [granularity, periodOf] of [["weekly", monday], ["monthly", (day: string) => `${day.slice(0, 7)}-01`]] as const) {
      const totals = new Map<string, { entries: number; tonnes: number }>();
      for (const row of production) {
        const key = `${periodOf(row.date)}|${row.materials.code}`;
        const sum = totals.get(key) ?? { entries: 0, tonnes: 0 };
        totals.set(key, { entries: sum.entries + 1, tonnes: Math.round((sum.tonnes + Number(row.qty_ton)) * 1000) / 1000 });
      }
      const expected = [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, sum]) => [...key.split("|"), sum.entries, sum.tonnes]);
      const job = await exportJob("production", "csv", granularity);
      const [header, ...rows] = Papa.parse<string[]>((await download(job)).toString("utf8").slice(1), { skipEmptyLines: true }).data;
      expect(header).toEqual(["Period start", "Material", "Entries", "Qty (t)"]);
      expect(rows.map((row) => row.map(fromCsv))).toEqual(expected);
      // The same rows in a sheet, and the totals under them.
      const [sheetHeader, ...sheetBody] = await sheetRows(await exportJob("production", "xlsx", granularity));
      expect(sheetHeader).toEqual(["Period start", "Material", "Entries", "Qty (t)"]);
      expect(sheetBody).toEqual([...expected, ["Total", null, ...sums(expected, [2, 3])]]);
    }
    // The week of Monday 2026-12-28 holds days of both years; the months do not mix.
    const weekly = await exportJob("production", "csv", "weekly");
    expect((await download(weekly)).toString("utf8")).toContain("2026-12-28,RA-0-5,7,");
  });
});

describe("api: exports (XLSX and PDF)", () => {
  it.each(RECORD_MODULES)("writes %s as a typed sheet with a frozen header and a totals row", async (module) => {
    const job = await exportJob(module, "xlsx");
    expect(job.status, job.errorMessage ?? "").toBe("completed");
    const sheet = await sheetOf(job);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const [, ...body] = await sheetRows(job);
    const totalsRow = body.pop() as Value[];
    const expected = await expectedRecords(module);
    expect(body).toEqual(expected);
    expect(totalsRow[0]).toBe("Total");
    expect(TOTAL_COLUMNS[module].map((column) => Number(totalsRow[column]))).toEqual(sums(expected, TOTAL_COLUMNS[module]));
    // Dates read as dates in Excel, quantities keep their format in every row and in the totals.
    const lastRow = sheet.getRow(sheet.rowCount);
    const firstDataRow = sheet.getRow(2);
    expect(firstDataRow.getCell(1).numFmt).toBe("yyyy-mm-dd");
    for (const column of TOTAL_COLUMNS[module]) {
      expect(firstDataRow.getCell(column + 1).numFmt).toMatch(/^#,##0/);
      expect(lastRow.getCell(column + 1).numFmt).toMatch(/^#,##0/);
      expect(lastRow.getCell(column + 1).font?.bold).toBe(true);
    }
  });

  it.each(RECORD_MODULES)("writes %s as a PDF table with the site, range, page numbers and totals", async (module) => {
    const job = await exportJob(module, "pdf");
    expect(job.status, job.errorMessage ?? "").toBe("completed");
    const pdf = await getDocumentProxy(new Uint8Array(await download(job)));
    const { totalPages, text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain(crew.site.code);
    expect(text).toContain(`${FROM} to ${TO}`);
    expect(text).toContain(`Page ${totalPages} of ${totalPages}`);
    const expected = await expectedRecords(module);
    // Every row's first text after the date is on some page, and the totals are printed.
    for (const row of expected.slice(0, 20)) expect(text).toContain(String(row[1]));
    const totals = sums(expected, TOTAL_COLUMNS[module]).map((total) => total.toLocaleString("en-US", { maximumFractionDigits: 3 }));
    for (const total of totals) expect(text).toContain(total);
  });

  it("refuses a PDF above its row cap at POST with a 400 that suggests CSV", async () => {
    const cap = (await sql<{ cap: number }>("select public.export_row_cap('pdf') as cap"))[0]?.cap ?? 0;
    await sql(
      `insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number)
       select $1, '2025-06-01', 'Cluster', 'Processor', 'Station', 'NCR', 'D-1' from generate_series(1, $2::integer)`,
      [crew.site.id, cap + 1],
    );
    const body = { siteId: crew.site.id, module: "dispatch", dateFrom: "2025-06-01", dateTo: "2025-06-01" };
    const refused = await createJob({ ...body, format: "pdf" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "VALIDATION_ERROR", details: { rows: cap + 1, cap, suggestion: "csv" } });
    const csv = await exportJob("dispatch", "csv", "daily", { dateFrom: "2025-06-01", dateTo: "2025-06-01" });
    expect(csv.status, csv.errorMessage ?? "").toBe("completed");
    const lines = (await download(csv)).toString("utf8").trim().split(/\r?\n/);
    expect(lines).toHaveLength(cap + 2);
  });
});

/** The one row a statement returns. */
async function one<Row extends Record<string, unknown>>(text: string, values: unknown[]): Promise<Row> {
  const [row] = await sql<Row>(text, values);
  if (!row) throw new Error(`no row from: ${text}`);
  return row;
}

/** `count` dispatches on one day, each with its own LH trip, inserted in one statement. */
async function manyDispatches(day: string, count: number): Promise<void> {
  await sql(
    `insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number, lh_trip)
     select $1, $2::date, 'Cluster', 'Processor', 'Station', 'NCR', 'D-1', 'LH-' || g from generate_series(1, $3::integer) g`,
    [crew.site.id, day, count],
  );
}

const wakeWorker = async (body: Record<string, unknown> = {}) => {
  const response = await fetch(`${stack().apiUrl}/functions/v1/exports`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack().serviceRoleKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
};

const postJob = (path: string, as: Cookie[] = cookies) => callApp(path, { method: "POST", cookies: as });

describe("api: export jobs", () => {
  it("answers seed 001's shapes, 404 for another user's job and 400 for bad input", async () => {
    const job = await exportJob("received", "csv");
    const list = (await (await callApp("/api/exports", { cookies })).json()) as { jobs: Job[] };
    expect(list.jobs.length).toBeLessThanOrEqual(20);
    expect(list.jobs.map((each) => each.id)).toContain(job.id);
    expect(Object.keys(list.jobs[0] ?? {}).sort()).toEqual(
      ["createdAt", "dateFrom", "dateTo", "downloadUrl", "errorMessage", "expiresAt", "fileHash", "filePath", "fileSize", "format", "granularity", "id", "module", "progress", "siteId", "status", "updatedAt", "userId"].sort(),
    );
    expect((await callApp(`/api/exports/${job.id}`, { cookies: stranger })).status).toBe(404);
    expect((await callApp("/api/exports")).status).toBe(401);
    const backwards = await createJob({ siteId: crew.site.id, module: "dispatch", format: "csv", dateFrom: TO, dateTo: FROM });
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ code: "VALIDATION_ERROR" });
    expect((await createJob({ siteId: crew.site.id, module: "payroll", format: "csv", dateFrom: FROM, dateTo: TO })).status).toBe(400);
    expect((await createJob({ siteId: crypto.randomUUID(), module: "dispatch", format: "csv", dateFrom: FROM, dateTo: TO })).status).toBe(404);
    expect((await callApp("/api/exports/not-a-job", { cookies })).status).toBe(400);
  });

  it("downloads only to the owner, only when done and not expired, and counts concurrent downloads", async () => {
    const job = await exportJob("equipment", "csv");
    expect((await callApp(`/api/exports/${job.id}/download`, { cookies: stranger })).status).toBe(403);
    expect((await callApp(`/api/exports/${crypto.randomUUID()}/download`, { cookies })).status).toBe(404);
    // The file itself, asked of Storage directly with the other user's token: RLS refuses it.
    const { file_path: folder } = await one<{ file_path: string }>("select file_path from public.export_jobs where id = $1", [job.id]);
    const direct = await strangerUser.client.storage.from("exports").download(`${folder}/part-00001.csv`);
    expect(direct.data).toBeNull();
    const own = await crew.manager.client.storage.from("exports").download(`${folder}/part-00001.csv`);
    expect(own.data?.size).toBe(job.fileSize);

    await Promise.all(Array.from({ length: 5 }, () => download(job)));
    const audit = await one<{ download_count: number; last_download: Date | null; record_count: number }>(
      "select download_count, last_download, record_count from public.export_audit where job_id = $1", [job.id]);
    expect(audit.download_count).toBe(5);
    expect(audit.last_download).not.toBeNull();
    expect(audit.record_count).toBe((await expectedRecords("equipment")).length);

    await sql("update public.export_jobs set expires_at = now() - interval '1 minute' where id = $1", [job.id]);
    const gone = await callApp(`/api/exports/${job.id}/download`, { cookies });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ code: "GONE" });
    // The scheduled pass deletes what expired.
    await wakeWorker({ action: "tick" });
    await expect.poll(async () => (await crew.manager.client.storage.from("exports").download(`${folder}/part-00001.csv`)).data, { timeout: 10_000 }).toBeNull();

    const { id: waiting } = await one<{ id: string }>(
      "insert into public.export_jobs (user_id, site_id, module, format, date_from, date_to, status, attempts, locked_at, lease) values ($1, $2, 'dispatch', 'csv', $3, $4, 'processing', 1, now(), gen_random_uuid()) returning id",
      [crew.manager.id, crew.site.id, FROM, TO]);
    expect((await callApp(`/api/exports/${waiting}/download`, { cookies })).status).toBe(400);
    await sql("update public.export_jobs set status = 'cancelled' where id = $1", [waiting]);
  });

  it("keeps at most 5 jobs of a user waiting or running, even when they ask at once", async () => {
    const row = { site_id: crew.site.id, module: "dispatch", format: "csv", date_from: FROM, date_to: TO };
    const attempts = await Promise.all(Array.from({ length: 8 }, () => strangerUser.client.from("export_jobs").insert(row).select("id").single()));
    const created = attempts.flatMap((attempt) => (attempt.data ? [attempt.data.id as string] : []));
    expect(created).toHaveLength(5);
    expect(attempts.filter((attempt) => attempt.error).map((attempt) => attempt.error?.code)).toEqual(["53400", "53400", "53400"]);
    const refused = await createJob({ siteId: crew.site.id, module: "dispatch", format: "csv", dateFrom: FROM, dateTo: TO }, stranger);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED" });
    // The worker was never woken for these (they were inserted directly), so each is cancelled waiting.
    for (const id of created) {
      const cancelled = await postJob(`/api/exports/${id}/cancel`, stranger);
      if (cancelled.status === 200) expect(await cancelled.json()).toMatchObject({ id, status: "cancelled" });
      else expect((await waitFor(id, undefined, stranger)).status).toBe("completed");
    }
    expect((await postJob(`/api/exports/${created[0]}/cancel`, stranger)).status).toBe(400);
    expect((await createJob({ siteId: crew.site.id, module: "dispatch", format: "csv", dateFrom: FROM, dateTo: TO }, stranger)).status).toBe(201);
  });

  it("retries a failed job from the start, and only a failed one", async () => {
    const job = await exportJob("manpower", "csv");
    const notFailed = await postJob(`/api/exports/${job.id}/retry`);
    expect(notFailed.status).toBe(400);
    await sql("update public.export_jobs set status = 'failed', error_message = 'disk full', progress = 40 where id = $1", [job.id]);
    const retried = await postJob(`/api/exports/${job.id}/retry`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: job.id, status: "pending", progress: 0, errorMessage: null });
    const done = await waitFor(job.id);
    expect(done.status).toBe("completed");
    const [, ...rows] = Papa.parse<string[]>((await download(done)).toString("utf8").slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength((await expectedRecords("manpower")).length);
    // Seed 001's order: no such job 404, someone else's 403 (before its status is looked at).
    expect((await postJob(`/api/exports/${job.id}/retry`, stranger)).status).toBe(403);
    expect((await postJob(`/api/exports/${crypto.randomUUID()}/retry`)).status).toBe(404);
  });

  it("cancels a running job at its next slice and leaves no file behind", async () => {
    await manyDispatches("2025-07-01", 3000);
    const response = await createJob({ siteId: crew.site.id, module: "dispatch", format: "csv", dateFrom: "2025-07-01", dateTo: "2025-07-01" });
    const { exportJob: job } = (await response.json()) as { exportJob: Job };
    await waitFor(job.id, (each) => each.progress > 0);
    const cancelled = await postJob(`/api/exports/${job.id}/cancel`);
    expect(cancelled.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await one<{ status: string; progress: number }>("select status, progress from public.export_jobs where id = $1", [job.id]);
    expect(after).toMatchObject({ status: "cancelled" });
    expect(after.progress).toBeLessThan(100);
    const { data: left } = await serviceClient().storage.from("exports").list(`${crew.manager.id}/${job.id}`);
    expect(left ?? []).toEqual([]);
  });

  it.each([["csv", "2025-08-01"], ["xlsx", "2025-08-02"]])("resumes a %s job whose worker died from its last checkpoint, with every row once", async (format, day) => {
    await manyDispatches(day, 3000);
    const response = await createJob({ siteId: crew.site.id, module: "dispatch", format, dateFrom: day, dateTo: day });
    const { exportJob: job } = (await response.json()) as { exportJob: Job };
    await waitFor(job.id, (each) => each.progress >= 20);
    // The worker "dies": its lease is taken from it and the job looks silent for 6 minutes.
    await sql("update public.export_jobs set lease = gen_random_uuid(), locked_at = now() - interval '6 minutes' where id = $1 and status = 'processing'", [job.id]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await wakeWorker();
    const done = await waitFor(job.id);
    expect(done.status, done.errorMessage ?? "").toBe("completed");
    const { attempts } = await one<{ attempts: number }>("select attempts from public.export_jobs where id = $1", [job.id]);
    expect(attempts).toBe(2);
    const [, ...rows] = format === "csv"
      ? Papa.parse<string[]>((await download(done)).toString("utf8").slice(1), { skipEmptyLines: true }).data
      : (await sheetRows(done)).slice(0, -1);
    const trips = rows.map((row) => row[6]);
    expect(new Set(trips).size).toBe(3000);
    expect(trips).toHaveLength(3000);
  });

  it("lets one of two racing workers claim a job", async () => {
    const { id } = await one<{ id: string }>(
      "insert into public.export_jobs (user_id, site_id, module, format, date_from, date_to) values ($1, $2, 'production', 'csv', $3, $4) returning id",
      [strangerUser.id, crew.site.id, FROM, TO]);
    const claim = () => withDb(async (client) => {
      await client.query("begin");
      const { rows } = await client.query<{ lease: string }>("select lease from private.claim_export_job($1)", [id]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query("commit");
      return rows;
    });
    const [first, second] = await Promise.all([claim(), claim()]);
    expect([first.length, second.length].sort()).toEqual([0, 1]);
    await sql("update public.export_jobs set status = 'cancelled' where id = $1", [id]);
  });

  it("streams progress as Server-Sent Events, in order, until every job is done", async () => {
    await manyDispatches("2025-09-01", 1500);
    // Asked for directly, so nobody wakes the worker until the stream is open.
    const { data: job } = await crew.manager.client.from("export_jobs")
      .insert({ site_id: crew.site.id, module: "dispatch", format: "csv", date_from: "2025-09-01", date_to: "2025-09-01" }).select("id").single();
    if (!job) throw new Error("the job was not created");
    const stream = await callApp(`/api/exports/progress?jobIds=${job.id}`, { cookies });
    setTimeout(() => void wakeWorker({ jobId: job.id }), 300);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const events: Array<{ type: string; jobs?: Array<{ id: string; status: string; progress: number }> }> = [];
    const decoder = new TextDecoder();
    let buffered = "";
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      const blocks = buffered.split("\n\n");
      buffered = blocks.pop() ?? "";
      for (const block of blocks) events.push(JSON.parse(block.replace(/^data: /, "")) as (typeof events)[number]);
    }
    expect(events[0]?.type).toBe("update");
    expect(events.at(-1)?.type).toBe("complete");
    const updates = events.filter((event) => event.type === "update").map((event) => event.jobs?.[0]);
    const progress = updates.map((update) => update?.progress ?? -1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(updates.at(-1)).toMatchObject({ id: job.id, status: "completed", progress: 100 });
    expect(updates.length).toBeGreaterThan(2);

    expect((await callApp("/api/exports/progress?jobIds=nope", { cookies })).status).toBe(400);
    expect((await callApp(`/api/exports/progress?jobIds=${job.id}`, { cookies: stranger })).status).toBe(404);
  });

  it("ends a progress stream when the client goes away", async () => {
    const job = await exportJob("received", "csv");
    await sql("update public.export_jobs set status = 'processing', lease = gen_random_uuid(), locked_at = now() where id = $1", [job.id]);
    const controller = new AbortController();
    const stream = await callApp(`/api/exports/progress?jobIds=${job.id}`, { cookies, signal: controller.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"type":"update"');
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    await sql("update public.export_jobs set status = 'cancelled' where id = $1", [job.id]);
  });
});
