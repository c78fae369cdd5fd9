// XLSX with exceljs's streaming WorkbookWriter: rows go to a file as they come, never all in
// memory. A header row that stays in view, typed numbers and dates, widths from the content, and a
// totals row.
import ExcelJS from "npm:exceljs@4.4.0";
import { calendarDay, numberCell, Totals, type Cells, type ReportColumn, type ReportHeading } from "./report.ts";

const NUMBER_FORMATS: Record<ReportColumn["kind"], string | undefined> = {
  text: undefined,
  integer: "#,##0",
  number: "#,##0.00#",
  date: "yyyy-mm-dd",
};

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

/** Writes the report to `path`; returns how many data rows it holds. */
export async function writeXlsx(path: string, columns: ReportColumn[], heading: ReportHeading, pages: AsyncIterable<Cells[]>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = "DeskOps";
  workbook.title = `${heading.title} — ${heading.site} — ${heading.range}`;
  const sheet = workbook.addWorksheet(heading.title.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  const totals = new Totals(columns);
  let rows = 0;
  for await (const page of pages) {
    if (rows === 0) {
      const widths = columnWidths(columns, page);
      sheet.columns = columns.map((column, index) => {
        const numFmt = NUMBER_FORMATS[column.kind];
        return { header: column.label, width: widths[index], ...(numFmt ? { style: { numFmt } } : {}) };
      });
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    }
    for (const cells of page) {
      sheet.addRow(columns.map((column, index) => typedCell(column, cells[index] ?? null))).commit();
      totals.add(cells);
    }
    rows += page.length;
  }
  if (rows === 0) {
    sheet.columns = columns.map((column) => ({ header: column.label, width: Math.max(10, column.label.length + 2) }));
    sheet.getRow(1).font = { bold: true };
  }
  const totalsRow = sheet.addRow(totals.row());
  totalsRow.font = { bold: true };
  totalsRow.commit();
  sheet.commit();
  await workbook.commit();
  return rows;
}
