// node:assert/strict, as @types/node 14 (which exceljs and pg bring into the type graph) declares it.
import { strict as assert } from "node:assert";
import ExcelJS from "npm:exceljs@4.4.0";
import { PDFDocument } from "npm:pdf-lib@1.17.1";
import { resumeSha256 } from "./hash.ts";
import { drawable, pdfFile } from "./pdf.ts";
import { Totals, type Cells, type ReportColumn } from "./report.ts";
import { xlsxFile } from "./xlsx.ts";
import type { ExportJob, Queue } from "./queue.ts";
import type { FileStore } from "./storage.ts";
import { runOnce, type WakeRequest } from "./worker.ts";

const columns: ReportColumn[] = [
  { label: "Date", kind: "date" },
  { label: "Material", kind: "text" },
  { label: "Qty (t)", kind: "number", total: true },
  { label: "Trips", kind: "integer", total: true },
];
const heading = { title: "Production", site: "MNL-HUB Manila Hub", range: "2026-12-28 to 2027-01-03, every entry" };

async function* pagesOf(rows: Cells[], size: number): AsyncGenerator<Cells[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

Deno.test("a hash saved between slices ends where one pass over every byte ends", async () => {
  const parts = ["\uFEFFDate,Qty\r\n", "2026-12-31,1.5\r\n", "2027-01-01,2\r\n"].map((text) => new TextEncoder().encode(text));
  let saved: string | null = null;
  for (const part of parts) {
    const hash = await resumeSha256(saved);
    hash.update(part);
    saved = hash.save();
  }
  const resumed = (await resumeSha256(saved)).hex();
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  parts.reduce((offset, part) => (whole.set(part, offset), offset + part.length), 0);
  const expected = [...new Uint8Array(await crypto.subtle.digest("SHA-256", whole))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  assert.equal(resumed, expected);
});

Deno.test("totals add decimals without binary drift and leave unsummed columns empty", () => {
  const totals = new Totals(columns);
  for (let index = 0; index < 10; index += 1) totals.add(["2026-12-28", "RA-0-5", 0.1, 2]);
  totals.add(["2026-12-29", "RA-0-5", null, null]);
  assert.deepEqual(totals.row(), ["Total", null, 1, 20]);
});

async function readXlsx(rows: Cells[], pageSize: number): Promise<{ workbook: ExcelJS.Workbook; written: number }> {
  const file = xlsxFile(columns, heading, pagesOf(rows, pageSize));
  const bytes = new Uint8Array(await new Response(ReadableStream.from(file.chunks)).arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer);
  return { workbook, written: file.count.rows };
}

Deno.test("an XLSX holds typed dates and numbers, a frozen header and the totals row", async () => {
  const rows: Cells[] = [["2026-12-31", "RA-0-5", 12.5, 3], ["2027-01-01", "=cmd()", 0.25, 1]];
  const { workbook, written } = await readXlsx(rows, 1);
  assert.equal(written, 2);
  const [sheet] = workbook.worksheets;
  assert.ok(sheet);
  assert.equal(sheet.name, "Production");
  assert.equal(workbook.title, "Production — MNL-HUB Manila Hub — 2026-12-28 to 2027-01-03, every entry");
  assert.equal(sheet.views[0]?.state, "frozen");
  assert.equal(sheet.views[0]?.state === "frozen" ? sheet.views[0].ySplit : null, 1);
  const valuesOf = (row: number) => [1, 2, 3, 4].map((column) => sheet.getRow(row).getCell(column).value);
  assert.deepEqual(valuesOf(1), ["Date", "Material", "Qty (t)", "Trips"]);
  assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
  assert.deepEqual(sheet.getRow(2).getCell(1).value, new Date("2026-12-31T00:00:00Z"));
  assert.equal(sheet.getRow(2).getCell(1).numFmt, "yyyy-mm-dd");
  assert.equal(sheet.getRow(2).getCell(4).numFmt, "#,##0");
  // A text cell is text in a sheet, never a formula, so it needs no guard.
  assert.equal(sheet.getRow(3).getCell(2).value, "=cmd()");
  assert.deepEqual(valuesOf(4), ["Total", null, 12.75, 4]);
  assert.equal(sheet.getRow(4).getCell(3).font?.bold, true);
  assert.ok((sheet.getColumn(2).width ?? 0) >= "Material".length);
});

Deno.test("an XLSX keeps markup, spaces and non-Latin text as they were, and every row of many pages", async () => {
  const awkward = ["a < b & c > d \"q\"", "  padded  ", "漢字 Ñ", "bell\u0007gone"];
  const rows: Cells[] = Array.from({ length: 2_345 }, (_, index) => ["2027-01-01", awkward[index % awkward.length]!, index % 7 === 0 ? null : 0.1, 1]);
  const { workbook, written } = await readXlsx(rows, 1_000);
  const sheet = workbook.worksheets[0]!;
  assert.equal(written, 2_345);
  assert.equal(sheet.rowCount, 2_345 + 2);
  assert.deepEqual([2, 3, 4, 5].map((row) => sheet.getRow(row).getCell(2).value), ["a < b & c > d \"q\"", "  padded  ", "漢字 Ñ", "bellgone"]);
  assert.equal(sheet.getRow(9).getCell(3).value, null);
  const withQuantity = rows.filter((cells) => cells[2] !== null).length;
  assert.deepEqual([1, 3, 4].map((column) => sheet.getRow(2_347).getCell(column).value), ["Total", withQuantity / 10, 2_345]);
});

Deno.test("a PDF has a page per screenful of rows, its page count, and draws what its font cannot as ?", async () => {
  const rows: Cells[] = Array.from({ length: 90 }, (_, index) => ["2026-12-31", index === 0 ? "漢字 (mix) \\ Ñ" : `M-${index}`, 1, 1]);
  const file = pdfFile(columns, heading, pagesOf(rows, 40));
  const bytes = new Uint8Array(await new Response(ReadableStream.from(file.chunks)).arrayBuffer());
  assert.equal(file.count.rows, 90);
  // pdf-lib reads it back with its cross-reference table: every object where the table says.
  const document = await PDFDocument.load(bytes, { throwOnInvalidObject: true });
  assert.equal(document.getPageCount(), 3);
  assert.equal(document.getTitle(), "Production - MNL-HUB Manila Hub - 2026-12-28 to 2027-01-03, every entry");
  assert.equal(drawable("漢字 mix\nÑ"), "?? mix Ñ");
});

Deno.test("a job cancelled between two slices has its parts deleted when the next slice starts", async () => {
  const job = {
    id: "3f1c2a4e-8d9b-4c1a-9e2f-0a1b2c3d4e5f", user_id: "owner", site_id: "site", module: "dispatch", format: "csv", date_from: "2026-01-01",
    date_to: "2026-01-31", granularity: "daily", status: "cancelled", lease: "lease", cursor: "k", parts: 2, rows_total: 300, rows_done: 200,
    hash_state: null, file_size: 10, file_path: "owner/3f1c2a4e-8d9b-4c1a-9e2f-0a1b2c3d4e5f", attempts: 1, stats: {},
  } satisfies ExportJob;
  const removed: string[] = [];
  const woken: WakeRequest[] = [];
  const queue = { held: () => Promise.resolve(job), status: () => Promise.resolve("cancelled") } as unknown as Queue;
  const store: FileStore = { upload: () => Promise.reject(new Error("nothing may be written")), remove: (paths) => Promise.resolve(void removed.push(...paths)) };
  const outcome = await runOnce({ queue, store, wake: (request) => Promise.resolve(void woken.push(request)), log: () => {} }, { jobId: job.id, lease: "lease" });
  assert.equal(outcome, "stopped");
  assert.deepEqual(removed.slice(0, 2), [`${job.file_path}/part-00001.csv`, `${job.file_path}/part-00002.csv`]);
  assert.deepEqual(woken, []);
});
