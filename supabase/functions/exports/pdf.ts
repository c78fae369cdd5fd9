// PDF with pdf-lib: a landscape table, the site, module and range on every page, page numbers,
// and a totals row. The standard Helvetica font only draws Windows-1252 text; anything outside it
// is drawn as "?" rather than failing the export.
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb } from "npm:pdf-lib@1.17.1";
import { Totals, type Cells, type ReportColumn, type ReportHeading } from "./report.ts";

const PAGE = { width: 842, height: 595, margin: 36 };
const FONT_SIZE = 8;
const ROW_HEIGHT = 13;
const TABLE_TOP = PAGE.height - PAGE.margin - 40;
const ROWS_PER_PAGE = Math.floor((TABLE_TOP - PAGE.margin - 20) / ROW_HEIGHT);
const WIDTH_WEIGHT: Record<ReportColumn["kind"], number> = { date: 1.1, integer: 0.8, number: 1, text: 1.6 };

/** Latin-1 printable characters and the space: what WinAnsi and Helvetica share for certain. */
const DRAWABLE = /[^\x20-\x7e\xa0-\xff]/g;
export const drawable = (text: string): string => text.replace(/[\r\n\t]+/g, " ").replace(DRAWABLE, "?");

function cellText(column: ReportColumn, value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number" && column.kind === "number") return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
  if (typeof value === "number") return value.toLocaleString("en-US");
  return drawable(value);
}

/** Cuts text to the width with an ellipsis, so a long remark never runs into the next column. */
function fitted(text: string, font: PDFFont, width: number): string {
  if (font.widthOfTextAtSize(text, FONT_SIZE) <= width) return text;
  let end = text.length;
  while (end > 0 && font.widthOfTextAtSize(`${text.slice(0, end)}...`, FONT_SIZE) > width) end -= 1;
  return `${text.slice(0, end)}...`;
}

interface Layout {
  font: PDFFont;
  bold: PDFFont;
  columns: ReportColumn[];
  lefts: number[];
  widths: number[];
}

function layout(columns: ReportColumn[], font: PDFFont, bold: PDFFont): Layout {
  const available = PAGE.width - 2 * PAGE.margin;
  const weights = columns.map((column) => WIDTH_WEIGHT[column.kind]);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  const widths = weights.map((weight) => (weight / sum) * available);
  const lefts = widths.map((_, index) => PAGE.margin + widths.slice(0, index).reduce((total, width) => total + width, 0));
  return { font, bold, columns, lefts, widths };
}

function drawRow(page: PDFPage, table: Layout, texts: string[], y: number, font: PDFFont): void {
  texts.forEach((text, index) => {
    const column = table.columns[index];
    const width = table.widths[index] - 4;
    const shown = fitted(text, font, width);
    const numeric = column.kind === "integer" || column.kind === "number";
    const x = numeric ? table.lefts[index] + width - font.widthOfTextAtSize(shown, FONT_SIZE) : table.lefts[index];
    page.drawText(shown, { x, y, size: FONT_SIZE, font });
  });
}

function newPage(document: PDFDocument, table: Layout, heading: ReportHeading): PDFPage {
  const page = document.addPage([PAGE.width, PAGE.height]);
  page.drawText(drawable(`${heading.title} - ${heading.site}`), { x: PAGE.margin, y: PAGE.height - PAGE.margin - 4, size: 13, font: table.bold });
  page.drawText(drawable(heading.range), { x: PAGE.margin, y: PAGE.height - PAGE.margin - 20, size: 9, font: table.font, color: rgb(0.35, 0.35, 0.35) });
  drawRow(page, table, table.columns.map((column) => drawable(column.label)), TABLE_TOP, table.bold);
  page.drawLine({ start: { x: PAGE.margin, y: TABLE_TOP - 4 }, end: { x: PAGE.width - PAGE.margin, y: TABLE_TOP - 4 }, thickness: 0.5 });
  return page;
}

export async function writePdf(columns: ReportColumn[], heading: ReportHeading, pages: AsyncIterable<Cells[]>): Promise<{ bytes: Uint8Array<ArrayBuffer>; rows: number }> {
  const document = await PDFDocument.create();
  document.setTitle(drawable(`${heading.title} - ${heading.site} - ${heading.range}`));
  document.setProducer("DeskOps");
  const table = layout(columns, await document.embedFont(StandardFonts.Helvetica), await document.embedFont(StandardFonts.HelveticaBold));
  const totals = new Totals(columns);
  let page = newPage(document, table, heading);
  let line = 0;
  let rows = 0;
  const place = (texts: string[], font: PDFFont) => {
    if (line === ROWS_PER_PAGE) {
      page = newPage(document, table, heading);
      line = 0;
    }
    line += 1;
    drawRow(page, table, texts, TABLE_TOP - line * ROW_HEIGHT - 4, font);
  };
  for await (const batch of pages) {
    for (const cells of batch) {
      place(columns.map((column, index) => cellText(column, cells[index] ?? null)), table.font);
      totals.add(cells);
    }
    rows += batch.length;
  }
  place(columns.map((column, index) => cellText(column, totals.row()[index] ?? null)), table.bold);
  const all = document.getPages();
  all.forEach((each, index) => {
    const label = `Page ${index + 1} of ${all.length}`;
    each.drawText(label, { x: PAGE.width - PAGE.margin - table.font.widthOfTextAtSize(label, FONT_SIZE), y: PAGE.margin - 16, size: FONT_SIZE, font: table.font });
  });
  // A copy with its own ArrayBuffer, which is what fetch takes as a body.
  return { bytes: new Uint8Array(await document.save()), rows };
}
