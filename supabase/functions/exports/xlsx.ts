// XLSX as a stream: the sheet's XML is written page by page into a zip that is deflated as it goes
// (./zip.ts), so a workbook is never held whole. A header row that stays in view, typed numbers
// and dates, widths from the content, and a bold totals row. Written here rather than with
// exceljs's WorkbookWriter, which spent about 50 µs of CPU per row on objects we did not need (the
// 30,000 rows/s target was out of its reach) and needed a temporary file.
import { calendarDay, numberCell, Totals, type Cells, type ColumnKind, type ReportColumn, type ReportFile, type ReportHeading } from "./report.ts";
import { zipStream, type Bytes } from "./zip.ts";

const MAX_WIDTH = 48;
/** Rows per chunk handed to the zip: large enough to compress well, small enough to stay flat. */
const CHUNK_ROWS = 1_000;
const KINDS: ColumnKind[] = ["text", "integer", "number", "date"];
/** Built-in 3 is "#,##0"; 164 and up are ours. */
const NUMBER_FORMAT_IDS: Record<ColumnKind, number> = { text: 0, integer: 3, number: 164, date: 165 };
const CUSTOM_FORMATS = [[164, "#,##0.00#"], [165, "yyyy-mm-dd"]] as const;
/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
/** Characters XML 1.0 cannot hold at all: dropped, so Excel never has to repair the file. */
// deno-lint-ignore no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
/** Most cells need nothing: one test, and the text as it is. */
export const xmlText = (text: string): string =>
  NEEDS_ESCAPE.test(text) ? text.replace(NOT_XML, "").replace(/[&<>"]/g, (character) => ESCAPES[character]!) : text;

/** The cell style of a kind, bold or not: its index in styles.xml's cellXfs. */
const styleOf = (kind: ColumnKind, bold: boolean) => KINDS.indexOf(kind) * 2 + (bold ? 1 : 0);

function columnLetters(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** The serial day number Excel stores for a `YYYY-MM-DD` cell; NaN for anything else. */
function dateSerial(value: string | number): number {
  if (typeof value !== "string") return Number.NaN;
  // Rows come in date order, so the same day repeats: parse each once.
  let serial = lastDate.value === value ? lastDate.serial : Number.NaN;
  if (Number.isNaN(serial)) {
    serial = calendarDay(value).getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
    lastDate.value = value;
    lastDate.serial = serial;
  }
  return serial;
}
const lastDate = { value: "", serial: Number.NaN };

function textCell(reference: string, style: number, text: string): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  // Style 0 is the default: plain text cells, most of a sheet, leave it out.
  return `<c r="${reference}"${style ? ` s="${style}"` : ""} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** One cell's XML, or nothing for an empty cell. A date column's "Total" is text. */
function cellXml(reference: string, kind: ColumnKind, value: string | number | null, bold: boolean): string {
  if (value === null || value === "") return "";
  if (kind === "text") return textCell(reference, styleOf(kind, bold), String(value));
  const number = kind === "date" ? dateSerial(value) : numberCell(value);
  if (kind === "date" && !Number.isFinite(number)) return textCell(reference, styleOf("text", bold), String(value));
  return number === null || !Number.isFinite(number) ? "" : `<c r="${reference}" s="${styleOf(kind, bold)}"><v>${number}</v></c>`;
}

class SheetRows {
  readonly #letters: string[];
  #next = 1;

  constructor(readonly columns: ReportColumn[]) {
    this.#letters = columns.map((_, index) => columnLetters(index));
  }

  row(cells: Cells, bold = false, kinds: ColumnKind[] = this.columns.map((column) => column.kind)): string {
    const number = this.#next++;
    let xml = `<row r="${number}">`;
    for (let index = 0; index < kinds.length; index += 1) xml += cellXml(this.#letters[index] + number, kinds[index]!, cells[index] ?? null, bold);
    return `${xml}</row>`;
  }

  header(): string {
    return this.row(this.columns.map((column) => column.label), true, this.columns.map(() => "text"));
  }
}

/** Widths from the header and the first page, which is what a reader sees first. */
function columnWidths(columns: ReportColumn[], sample: Cells[]): number[] {
  return columns.map((column, index) => {
    const longest = sample.reduce((width, cells) => Math.max(width, String(cells[index] ?? "").length), column.label.length);
    return Math.min(MAX_WIDTH, Math.max(10, longest + 2));
  });
}

function sheetStart(widths: number[]): string {
  const cols = widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join("");
  return `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">`
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
}

const encoder = new TextEncoder();

/** The sheet's XML: the start once the first page gives the widths, then rows in chunks, then the totals. */
async function* sheetXml(columns: ReportColumn[], pages: AsyncIterable<Cells[]>, count: { rows: number }): AsyncGenerator<Bytes> {
  const rows = new SheetRows(columns);
  const totals = new Totals(columns);
  let started = false;
  for await (const page of pages) {
    if (!started) {
      yield encoder.encode(sheetStart(columnWidths(columns, page)) + rows.header());
      started = true;
    }
    for (let start = 0; start < page.length; start += CHUNK_ROWS) {
      let xml = "";
      for (const cells of page.slice(start, start + CHUNK_ROWS)) {
        xml += rows.row(cells);
        totals.add(cells);
      }
      yield encoder.encode(xml);
    }
    count.rows += page.length;
  }
  if (!started) yield encoder.encode(sheetStart(columnWidths(columns, [])) + rows.header());
  yield encoder.encode(`${rows.row(totals.row(), true)}</sheetData></worksheet>`);
}

function stylesXml(): string {
  const formats = CUSTOM_FORMATS.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join("");
  const font = (bold: boolean) => `<font>${bold ? "<b/>" : ""}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const xfs = KINDS.flatMap((kind) => [false, true].map((bold) => {
    const id = NUMBER_FORMAT_IDS[kind];
    return `<xf numFmtId="${id}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ""}${bold ? ' applyFont="1"' : ""}/>`;
  }));
  return `${XML_DECLARATION}<styleSheet xmlns="${NS.main}"><numFmts count="${CUSTOM_FORMATS.length}">${formats}</numFmts>`
    + `<fonts count="2">${font(false)}${font(true)}</fonts>`
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>`
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
}

/** The package's fixed parts around the sheet: content types, relationships, workbook, styles, properties. */
function packageParts(heading: ReportHeading, created: Date): Record<string, string> {
  const sheetName = xmlText(heading.title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
  const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  const officeType = (name: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${name}`;
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return {
    "[Content_Types].xml": `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
      + override("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
      + override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
      + override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
      + "</Types>",
    "_rels/.rels": `${XML_DECLARATION}<Relationships xmlns="${NS.package}">`
      + relationship("rId1", officeType("officeDocument"), "xl/workbook.xml")
      + relationship("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml")
      + "</Relationships>",
    "docProps/core.xml": `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `
      + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
      + `<dc:title>${xmlText(`${heading.title} — ${heading.site} — ${heading.range}`)}</dc:title><dc:creator>DeskOps</dc:creator>`
      + `<dcterms:created xsi:type="dcterms:W3CDTF">${created.toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`,
    "xl/workbook.xml": `${XML_DECLARATION}<workbook xmlns="${NS.main}" xmlns:r="${NS.relationships}">`
      + `<bookViews><workbookView/></bookViews><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${XML_DECLARATION}<Relationships xmlns="${NS.package}">`
      + relationship("rId1", officeType("worksheet"), "worksheets/sheet1.xml")
      + relationship("rId2", officeType("styles"), "styles.xml")
      + "</Relationships>",
    "xl/styles.xml": stylesXml(),
  };
}

/** The workbook's bytes as they are made, one data row per cells of `pages`. */
export function xlsxFile(columns: ReportColumn[], heading: ReportHeading, pages: AsyncIterable<Cells[]>, created = new Date()): ReportFile {
  const count = { rows: 0 };
  const fixed = Object.entries(packageParts(heading, created)).map(([name, xml]) => ({ name, content: encoder.encode(xml) }));
  // The sheet goes last, so every fixed part is written before the first row is read.
  const chunks = zipStream([...fixed, { name: "xl/worksheets/sheet1.xml", content: sheetXml(columns, pages, count) }], created);
  return { chunks, count };
}
