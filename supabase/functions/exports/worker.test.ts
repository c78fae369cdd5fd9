// node:assert/strict, as @types/node 14 (which exceljs and pg bring into the type graph) declares it.
import { strict as assert } from "node:assert";
import ExcelJS from "npm:exceljs@4.4.0";
import { PDFDocument } from "npm:pdf-lib@1.17.1";
import { resumeSha256 } from "./hash.ts";
import { drawable, writePdf } from "./pdf.ts";
import { Totals, type Cells, type ReportColumn } from "./report.ts";
import { writeXlsx } from "./xlsx.ts";
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

Deno.test("an XLSX holds typed dates and numbers, a frozen header and the totals row", async () => {
  const rows: Cells[] = [["2026-12-31", "RA-0-5", 12.5, 3], ["2027-01-01", "=cmd()", 0.25, 1]];
  const path = await Deno.makeTempFile({ suffix: ".xlsx" });
  try {
    assert.equal(await writeXlsx(path, columns, heading, pagesOf(rows, 1)), 2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const [sheet] = workbook.worksheets;
    assert.ok(sheet);
    assert.equal(sheet.views[0]?.state, "frozen");
    assert.equal(sheet.views[0]?.state === "frozen" ? sheet.views[0].ySplit : null, 1);
    const valuesOf = (row: number) => [1, 2, 3, 4].map((column) => sheet.getRow(row).getCell(column).value);
    assert.deepEqual(valuesOf(1), ["Date", "Material", "Qty (t)", "Trips"]);
    assert.deepEqual(sheet.getRow(2).getCell(1).value, new Date("2026-12-31T00:00:00Z"));
    // A text cell is text in a sheet, never a formula, so it needs no guard.
    assert.equal(sheet.getRow(3).getCell(2).value, "=cmd()");
    assert.deepEqual(valuesOf(4), ["Total", null, 12.75, 4]);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("a PDF has a page per screenful of rows, and draws what its font cannot as ?", async () => {
  const rows: Cells[] = Array.from({ length: 90 }, (_, index) => ["2026-12-31", index === 0 ? "漢字 mix" : `M-${index}`, 1, 1]);
  const { bytes, rows: written } = await writePdf(columns, heading, pagesOf(rows, 40));
  assert.equal(written, 90);
  const document = await PDFDocument.load(bytes);
  assert.ok(document.getPageCount() >= 2);
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
