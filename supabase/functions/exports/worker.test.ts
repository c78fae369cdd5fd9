// node:assert/strict, as @types/node 14 (which exceljs and pg bring into the type graph) declares it.
import { strict as assert } from "node:assert";
import ExcelJS from "npm:exceljs@4.4.0";
import { PDFDocument } from "npm:pdf-lib@1.17.1";
import { resumeSha256 } from "./hash.ts";
import { drawable, pdfFile } from "./pdf.ts";
import { Totals, type Cells, type ReportColumn } from "./report.ts";
import { columnWidths, endWorkbook, startWorkbook } from "./xlsx.ts";
import { ZipWriter, type Bytes, type ZipState } from "./zip.ts";
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

/** Rows as Postgres writes them (private.xlsx_cell): what the sheet's slices carry. */
const sheetRows = [
  '<row r="2"><c r="A2" s="6"><v>46022</v></c><c r="B2" t="inlineStr"><is><t xml:space="preserve">RA-0-5</t></is></c><c r="C2" s="4"><v>12.5</v></c><c r="D2" s="2"><v>3</v></c></row>\n',
  '<row r="3"><c r="A3" s="6"><v>46023</v></c><c r="B3" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; c</t></is></c><c r="C3" s="4"><v>0.25</v></c></row>\n',
  '<row r="4"><c r="A4" s="6"><v>46024</v></c><c r="B4" t="inlineStr"><is><t xml:space="preserve">line&#10;break</t></is></c><c r="C4" s="4"><v>1</v></c><c r="D4" s="2"><v>2</v></c></row>\n',
];
const totalsRow = '<row r="5"><c r="A5" s="1" t="inlineStr"><is><t xml:space="preserve">Total</t></is></c><c r="C5" s="5"><v>13.75</v></c><c r="D5" s="3"><v>5</v></c></row>';

async function workbookOf(parts: Bytes[][]): Promise<ExcelJS.Workbook> {
  const bytes = new Uint8Array(await new Blob(parts.flat()).arrayBuffer());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer);
  return workbook;
}

Deno.test("an XLSX written in three slices, its zip's state saved as JSON between them, reads back whole", async () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  // Each slice starts from the saved state, as the next invocation does from the job row.
  const resumed = (state: ZipState) => new ZipWriter(JSON.parse(JSON.stringify(state)) as ZipState);
  const first = new ZipWriter(null, new Date("2027-01-04T08:00:00Z"));
  const widths = columnWidths(columns, [["2026-12-31", "RA-0-5", 12.5, 3]]);
  const header = '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" s="1" t="inlineStr"><is><t>Material</t></is></c>'
    + '<c r="C1" s="1" t="inlineStr"><is><t>Qty (t)</t></is></c><c r="D1" s="1" t="inlineStr"><is><t>Trips</t></is></c></row>';
  const partOne = [...startWorkbook(first, heading, columns, widths, header), first.write(encode(sheetRows[0]!))];
  const second = resumed(first.save());
  const partTwo = [second.write(encode(sheetRows[1]!))];
  const third = resumed(second.save());
  const partThree = [third.write(encode(sheetRows[2]!)), ...endWorkbook(third, totalsRow)];

  const workbook = await workbookOf([partOne, partTwo, partThree]);
  const [sheet] = workbook.worksheets;
  assert.ok(sheet);
  assert.equal(sheet.name, "Production");
  assert.equal(workbook.title, "Production — MNL-HUB Manila Hub — 2026-12-28 to 2027-01-03, every entry");
  const view = sheet.views[0];
  assert.deepEqual(view?.state === "frozen" ? [view.state, view.ySplit, view.topLeftCell] : view, ["frozen", 1, "A2"]);
  const valuesOf = (row: number) => [1, 2, 3, 4].map((column) => sheet.getRow(row).getCell(column).value);
  assert.deepEqual(valuesOf(1), ["Date", "Material", "Qty (t)", "Trips"]);
  assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
  assert.deepEqual(valuesOf(2), [new Date("2025-12-31T00:00:00Z"), "RA-0-5", 12.5, 3]);
  assert.deepEqual(valuesOf(3).slice(1), ["a < b & c", 0.25, null]);
  // Postgres writes no empty cell: the column's style gives it its format.
  assert.equal(sheet.getRow(3).getCell(4).numFmt, "#,##0");
  assert.equal(sheet.getRow(4).getCell(2).value, "line\nbreak");
  assert.equal(sheet.getRow(2).getCell(1).numFmt, "yyyy-mm-dd");
  assert.equal(sheet.getRow(2).getCell(3).numFmt, "#,##0.00#");
  assert.equal(sheet.getRow(2).getCell(4).numFmt, "#,##0");
  assert.deepEqual(valuesOf(5), ["Total", null, 13.75, 5]);
  assert.equal(sheet.getRow(5).getCell(3).font?.bold, true);
  assert.equal(sheet.getRow(5).getCell(3).numFmt, "#,##0.00#");
  assert.equal(sheet.getColumn(2).width, 10);
});

Deno.test("a zip refuses a second open entry and an end with one open", () => {
  const zip = new ZipWriter();
  zip.open("a.xml");
  assert.throws(() => zip.open("b.xml"), /a\.xml is still open/);
  assert.throws(() => zip.end(), /a\.xml is still open/);
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
    hash_state: null, writer_state: null, file_size: 10, file_path: "owner/3f1c2a4e-8d9b-4c1a-9e2f-0a1b2c3d4e5f", attempts: 1, stats: {},
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
