// XLSX made in slices: the workbook's fixed parts and the sheet's start are written here, the
// sheet's rows come from Postgres already as XML (public.export_xlsx_copy_sql and friends, as CSV
// lines do), and ./zip.ts deflates them into the archive as they arrive, across invocations. A
// header row that stays in view, typed numbers and dates, widths from the first rows, and a bold
// totals row. Written here rather than with exceljs's WorkbookWriter, which spent about 50 µs of
// CPU per row building objects and needed the whole file in one invocation.
import type { Cells, ColumnKind, ReportColumn, ReportHeading } from "./report.ts";
import type { Bytes, ZipWriter } from "./zip.ts";

const SHEET_PART = "xl/worksheets/sheet1.xml";
const SHEET_END = "</sheetData></worksheet>";
const MAX_WIDTH = 48;
/**
 * The cell styles, in cellXfs order: each kind plain, then bold. IMPORTANT: private.xlsx_cell
 * writes these indexes (text 0, integer 2, number 4, date 6, +1 in bold).
 */
const KINDS: ColumnKind[] = ["text", "integer", "number", "date"];
/** Built-in 3 is "#,##0"; 164 and up are ours. */
const NUMBER_FORMAT_IDS: Record<ColumnKind, number> = { text: 0, integer: 3, number: 164, date: 165 };
const CUSTOM_FORMATS = [[164, "#,##0.00#"], [165, "yyyy-mm-dd"]] as const;

const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  package: "http://schemas.openxmlformats.org/package/2006/relationships",
};
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const xmlText = (text: string): string => text.replace(/[&<>"]/g, (character) => ESCAPES[character]!);

/** Widths from the header and the first rows, which is what a reader sees first. */
export function columnWidths(columns: ReportColumn[], sample: Cells[]): number[] {
  return columns.map((column, index) => {
    const longest = sample.reduce((width, cells) => Math.max(width, String(cells[index] ?? "").length), column.label.length);
    return Math.min(MAX_WIDTH, Math.max(10, longest + 2));
  });
}

/**
 * The sheet up to its rows: the frozen header, and each column's width and style, so an empty cell
 * (Postgres writes none) still has its column's format when someone types into it.
 */
function sheetStart(columns: ReportColumn[], widths: number[]): string {
  const cols = columns.map((column, index) => {
    const style = KINDS.indexOf(column.kind) * 2;
    return `<col min="${index + 1}" max="${index + 1}" width="${widths[index]}"${style ? ` style="${style}"` : ""} customWidth="1"/>`;
  }).join("");
  return `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">`
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
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

const encoder = new TextEncoder();

/**
 * The first slice's opening: the workbook's fixed parts whole, then the sheet's entry opened with
 * its start (views, widths) and the header row.
 */
export function startWorkbook(zip: ZipWriter, heading: ReportHeading, columns: ReportColumn[], widths: number[], headerRow: string): Bytes[] {
  const fixed = Object.entries(packageParts(heading, zip.modified)).flatMap(([name, xml]) => zip.entry(name, encoder.encode(xml)));
  return [...fixed, zip.open(SHEET_PART), zip.write(encoder.encode(sheetStart(columns, widths) + headerRow))];
}

/** The last slice's close: the totals row, the sheet's end, the archive's directory. */
export function endWorkbook(zip: ZipWriter, totalsRow: string): Bytes[] {
  return [zip.write(encoder.encode(totalsRow + SHEET_END)), zip.close(), zip.end()];
}
