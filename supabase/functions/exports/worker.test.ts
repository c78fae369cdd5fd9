import assert from "node:assert/strict";
import ExcelJS from "npm:exceljs@4.4.0";
import { PDFDocument } from "npm:pdf-lib@1.17.1";
import { resumeSha256 } from "./hash.ts";
import { drawable, writePdf } from "./pdf.ts";
import { Totals, type Cells, type ReportColumn } from "./report.ts";
import { writeXlsx } from "./xlsx.ts";

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
