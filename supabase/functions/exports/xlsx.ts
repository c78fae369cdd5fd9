// XLSX with exceljs's streaming WorkbookWriter: rows go to a file as they come, never all in
// memory. A header row that stays in view, typed numbers and dates, widths from the content, and a
// totals row.
import type ExcelJS from "npm:exceljs@4.4.0";
// The streaming writer alone: the package's entry also loads its readers (unzipper, saxes and
// more), which took 200 ms more to load, and memory, in every invocation that makes a workbook.
import WorkbookWriterModule from "npm:exceljs@4.4.0/lib/stream/xlsx/workbook-writer.js";
import { calendarDay, numberCell, Totals, type Cells, type ReportColumn, type ReportHeading } from "./report.ts";

const NUMBER_FORMATS: Record<ReportColumn["kind"], string | undefined> = {
  text: undefined,
  integer: "#,##0",
  number: "#,##0.00#",
  date: "yyyy-mm-dd",
};

const WorkbookWriter = WorkbookWriterModule as typeof ExcelJS.stream.xlsx.WorkbookWriter;

const MAX_WIDTH = 48;

function typedCell(column: ReportColumn, value: string | number | null): string | number | Date | null {
  if (value === null) return null;
  if (column.kind === "date" && typeof value === "string") return calendarDay(value);
  if (column.kind === "integer" || column.kind === "number") return numberCell(value);
  return String(value);
}

/** Widths from the header and the first page, which is what a reader sees first. */
function columnWidths(columns: ReportColumn[], sample: Cells[]): number[] {
  return columns.map((column, index) => {
    const longest = sample.reduce((width, cells) => Math.max(width, String(cells[index] ?? "").length), column.label.length);
    return Math.min(MAX_WIDTH, Math.max(10, longest + 2));
  });
}

/** Lets the socket of the next page's query be read while this page is formatted. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * One style object per column, shared by every cell in it. IMPORTANT: exceljs finds a cell's style
 * id by object identity (a WeakMap) and otherwise renders the style to XML to look it up; a style
 * given per column is copied into every cell, which made that lookup half of the file's CPU time.
 */
function columnStyles(columns: ReportColumn[]): Array<Partial<ExcelJS.Style>> {
  return columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return numFmt ? { numFmt } : {};
  });
}

/** Writes the report to `path`; returns how many data rows it holds. */
export async function writeXlsx(path: string, columns: ReportColumn[], heading: ReportHeading, pages: AsyncIterable<Cells[]>): Promise<number> {
  const workbook = new WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = "DeskOps";
  workbook.title = `${heading.title} — ${heading.site} — ${heading.range}`;
  const sheet = workbook.addWorksheet(heading.title.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  const totals = new Totals(columns);
  const styles = columnStyles(columns);
  let rows = 0;
  for await (const page of pages) {
    if (rows === 0) {
      const widths = columnWidths(columns, page);
      sheet.columns = columns.map((column, index) => ({ header: column.label, width: widths[index] }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    }
    for (const [index, cells] of page.entries()) {
      const row = sheet.addRow(columns.map((column, index) => typedCell(column, cells[index] ?? null)));
      styles.forEach((style, index) => (row.getCell(index + 1).style = style));
      row.commit();
      totals.add(cells);
      if (index % 500 === 499) await yieldToEventLoop();
    }
    rows += page.length;
  }
  if (rows === 0) {
    sheet.columns = columns.map((column) => ({ header: column.label, width: Math.max(10, column.label.length + 2) }));
    sheet.getRow(1).font = { bold: true };
  }
  const totalsRow = sheet.addRow(totals.row());
  styles.forEach((style, index) => (totalsRow.getCell(index + 1).style = { ...style, font: { bold: true } }));
  totalsRow.commit();
  sheet.commit();
  await workbook.commit();
  return rows;
}
