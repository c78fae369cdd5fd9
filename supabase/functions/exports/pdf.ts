// PDF as a stream: a landscape table, the site, module and range on every page, page numbers and a
// totals row, each page written (and deflated) as soon as it is full, so memory stays flat whatever
// the row count. The document is plain text on the standard Helvetica fonts, which every viewer
// has, so nothing is embedded; those fonts draw Windows-1252 text only, and anything outside it is
// drawn as "?" rather than failing the export. Written here rather than with pdf-lib, which keeps
// the whole document as objects until it is saved (247 MB and 1.5 s of CPU for 1,500 rows).
import { Encodings, Font, FontNames } from "npm:@pdf-lib/standard-fonts@1.0.0";
import zlib from "node:zlib";
import { Totals, type Cells, type ReportColumn, type ReportFile, type ReportHeading } from "./report.ts";
import type { Bytes } from "./zip.ts";

const PAGE = { width: 842, height: 595, margin: 36 };
const FONT_SIZE = 8;
const ROW_HEIGHT = 13;
const TABLE_TOP = PAGE.height - PAGE.margin - 40;
const ROWS_PER_PAGE = Math.floor((TABLE_TOP - PAGE.margin - 20) / ROW_HEIGHT);
const WIDTH_WEIGHT: Record<ReportColumn["kind"], number> = { date: 1.1, integer: 0.8, number: 1, text: 1.6 };

/** Latin-1 printable characters and the space: what WinAnsi and Helvetica share for certain. */
const DRAWABLE = /[^\x20-\x7e\xa0-\xff]/g;
export const drawable = (text: string): string => text.replace(/[\r\n\t]+/g, " ").replace(DRAWABLE, "?");

/** Object numbers fixed in advance; pages and their contents are numbered from FIRST_PAGE_OBJECT on. */
const OBJECTS = { catalog: 1, pages: 2, regular: 3, bold: 4, info: 5 };
const FIRST_PAGE_OBJECT = 6;
const FONT_NAMES = { regular: "F1", bold: "F2" } as const;
type FontStyle = keyof typeof FONT_NAMES;

/** Advance widths (1/1000 em) of the drawable characters, by character code, from the font's metrics. */
function charWidths(fontName: FontNames): Float64Array {
  const font = Font.load(fontName);
  const widths = new Float64Array(256);
  for (let code = 0x20; code <= 0xff; code += 1) {
    if (code > 0x7e && code < 0xa0) continue;
    widths[code] = Number(font.getWidthOfGlyph(Encodings.WinAnsi.encodeUnicodeCodePoint(code).name) ?? 0);
  }
  return widths;
}

const WIDTHS: Record<FontStyle, Float64Array> = { regular: charWidths(FontNames.Helvetica), bold: charWidths(FontNames.HelveticaBold) };

/** Width in points of drawable text. */
function textWidth(text: string, style: FontStyle, size = FONT_SIZE): number {
  const widths = WIDTHS[style];
  let units = 0;
  for (let index = 0; index < text.length; index += 1) units += widths[text.charCodeAt(index)] ?? 0;
  return (units * size) / 1000;
}

/** Cuts text to the width with an ellipsis, so a long remark never runs into the next column. */
function fitted(text: string, style: FontStyle, width: number): string {
  if (textWidth(text, style) <= width) return text;
  let end = text.length;
  while (end > 0 && textWidth(`${text.slice(0, end)}...`, style) > width) end -= 1;
  return `${text.slice(0, end)}...`;
}

/** A PDF literal string of drawable text: ASCII as it is, the rest of Latin-1 as octal escapes. */
const pdfString = (text: string): string =>
  `(${text.replace(/[\\()]/g, "\\$&").replace(/[\x80-\xff]/g, (character) => `\\${character.charCodeAt(0).toString(8).padStart(3, "0")}`)})`;

/** Any text (the document's title) as a UTF-16BE hex string, which PDF readers show as Unicode. */
function pdfUnicode(text: string): string {
  let hex = "<FEFF";
  for (let index = 0; index < text.length; index += 1) hex += text.charCodeAt(index).toString(16).padStart(4, "0");
  return `${hex}>`;
}

const integers = new Intl.NumberFormat("en-US");
const decimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

function cellText(column: ReportColumn, value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return (column.kind === "number" ? decimals : integers).format(value);
  return drawable(value);
}

interface Layout {
  columns: ReportColumn[];
  lefts: number[];
  widths: number[];
}

function layout(columns: ReportColumn[]): Layout {
  const available = PAGE.width - 2 * PAGE.margin;
  const weights = columns.map((column) => WIDTH_WEIGHT[column.kind]);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  const widths = weights.map((weight) => (weight / sum) * available);
  const lefts = widths.map((_, index) => PAGE.margin + widths.slice(0, index).reduce((total, width) => total + width, 0));
  return { columns, lefts, widths };
}

const at = (x: number, y: number) => `1 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)} Tm`;

/** One table row's text operators (inside BT ... ET): numbers right-aligned, text cut to fit. */
function rowOperators(table: Layout, texts: string[], y: number, style: FontStyle): string {
  let operators = `/${FONT_NAMES[style]} ${FONT_SIZE} Tf\n`;
  texts.forEach((text, index) => {
    if (text === "") return;
    const kind = table.columns[index]!.kind;
    const width = table.widths[index]! - 4;
    const shown = fitted(text, style, width);
    const numeric = kind === "integer" || kind === "number";
    const x = numeric ? table.lefts[index]! + width - textWidth(shown, style) : table.lefts[index]!;
    operators += `${at(x, y)} ${pdfString(shown)} Tj\n`;
  });
  return operators;
}

/** The bytes of a PDF file as it is written, with each object's offset noted for the cross-reference table. */
class PdfOutput {
  readonly #offsets: number[] = [];
  #size = 0;
  readonly #encoder = new TextEncoder();

  #bytes(text: string): Bytes {
    const bytes = this.#encoder.encode(text);
    this.#size += bytes.byteLength;
    return bytes;
  }

  header(): Bytes {
    // The comment's high bytes mark the file as binary for transfer tools.
    return this.#bytes("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
  }

  object(number: number, dictionary: string): Bytes {
    this.#offsets[number] = this.#size;
    return this.#bytes(`${number} 0 obj\n${dictionary}\nendobj\n`);
  }

  /** A stream object: its operators deflated, which makes a page of text about a fifth of its size. */
  stream(number: number, dictionary: string, content: string): Bytes {
    const deflated = zlib.deflateSync(this.#encoder.encode(content));
    const head = this.#encoder.encode(`${number} 0 obj\n<< ${dictionary} /Filter /FlateDecode /Length ${deflated.byteLength} >>\nstream\n`);
    const tail = this.#encoder.encode("\nendstream\nendobj\n");
    const bytes = new Uint8Array(head.byteLength + deflated.byteLength + tail.byteLength);
    bytes.set(head);
    bytes.set(deflated, head.byteLength);
    bytes.set(tail, head.byteLength + deflated.byteLength);
    this.#offsets[number] = this.#size;
    this.#size += bytes.byteLength;
    return bytes;
  }

  /** The cross-reference table and trailer that close the file. */
  end(): Bytes {
    const start = this.#size;
    const entries = this.#offsets.slice(1).map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
    return this.#bytes(
      `xref\n0 ${this.#offsets.length}\n0000000000 65535 f \n${entries}`
        + `trailer\n<< /Size ${this.#offsets.length} /Root ${OBJECTS.catalog} 0 R /Info ${OBJECTS.info} 0 R >>\nstartxref\n${start}\n%%EOF\n`,
    );
  }
}

/** Every page's fixed parts: the title, the range, the column headings and the rule under them. */
function pageTop(table: Layout, heading: ReportHeading): string {
  const ruleY = TABLE_TOP - 4;
  return `BT /${FONT_NAMES.bold} 13 Tf ${at(PAGE.margin, PAGE.height - PAGE.margin - 4)} ${pdfString(drawable(`${heading.title} - ${heading.site}`))} Tj\n`
    + `0.35 g /${FONT_NAMES.regular} 9 Tf ${at(PAGE.margin, PAGE.height - PAGE.margin - 20)} ${pdfString(drawable(heading.range))} Tj 0 g\n`
    + `${rowOperators(table, table.columns.map((column) => drawable(column.label)), TABLE_TOP, "bold")}ET\n`
    + `0.5 w ${PAGE.margin} ${ruleY} m ${PAGE.width - PAGE.margin} ${ruleY} l S\n`;
}

/**
 * "Page n of N" at the foot of page n: a form object of its own, written after the last page when N
 * is known, so the count is right even when rows arrive while the file is made. One string per
 * label, so text extraction reads it whole.
 */
function pageFoot(number: number, pageCount: number): string {
  const label = `Page ${number} of ${pageCount}`;
  return `BT /${FONT_NAMES.regular} ${FONT_SIZE} Tf ${at(PAGE.width - PAGE.margin - textWidth(label, "regular"), PAGE.margin - 16)} ${pdfString(label)} Tj ET`;
}

const fontDictionary = (baseFont: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${baseFont} /Encoding /WinAnsiEncoding >>`;
const FONTS = `/Font << /${FONT_NAMES.regular} ${OBJECTS.regular} 0 R /${FONT_NAMES.bold} ${OBJECTS.bold} 0 R >>`;
/** Each page's three objects: its content, the page, and its footer form. */
const pageObjectsOf = (index: number) => {
  const contents = FIRST_PAGE_OBJECT + index * 3;
  return { contents, page: contents + 1, foot: contents + 2 };
};

async function* pdfChunks(columns: ReportColumn[], heading: ReportHeading, pages: AsyncIterable<Cells[]>, count: { rows: number }, created: Date): AsyncGenerator<Bytes> {
  const output = new PdfOutput();
  const table = layout(columns);
  const totals = new Totals(columns);
  let pageCount = 0;
  yield output.header();
  yield output.object(OBJECTS.regular, fontDictionary("Helvetica"));
  yield output.object(OBJECTS.bold, fontDictionary("Helvetica-Bold"));
  const date = created.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  yield output.object(OBJECTS.info, `<< /Title ${pdfUnicode(drawable(`${heading.title} - ${heading.site} - ${heading.range}`))} /Producer (DeskOps) /CreationDate (D:${date}Z) >>`);

  let content = "";
  let line = 0;
  const finishPage = (): Bytes[] => {
    const objects = pageObjectsOf(pageCount);
    pageCount += 1;
    const body = `${pageTop(table, heading)}BT\n${content}ET\n/Foot Do\n`;
    content = "";
    line = 0;
    return [
      output.stream(objects.contents, "", body),
      output.object(objects.page, `<< /Type /Page /Parent ${OBJECTS.pages} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] `
        + `/Resources << ${FONTS} /XObject << /Foot ${objects.foot} 0 R >> >> /Contents ${objects.contents} 0 R >>`),
    ];
  };
  const place = (texts: string[], style: FontStyle) => {
    line += 1;
    content += rowOperators(table, texts, TABLE_TOP - line * ROW_HEIGHT - 4, style);
  };

  for await (const batch of pages) {
    for (const cells of batch) {
      if (line === ROWS_PER_PAGE) yield* finishPage();
      place(columns.map((column, index) => cellText(column, cells[index] ?? null)), "regular");
      totals.add(cells);
    }
    count.rows += batch.length;
  }
  if (line === ROWS_PER_PAGE) yield* finishPage();
  place(columns.map((column, index) => cellText(column, totals.row()[index] ?? null)), "bold");
  yield* finishPage();

  for (let index = 0; index < pageCount; index += 1) {
    yield output.stream(pageObjectsOf(index).foot, `/Type /XObject /Subtype /Form /BBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << ${FONTS} >>`, pageFoot(index + 1, pageCount));
  }
  const kids = Array.from({ length: pageCount }, (_, index) => `${pageObjectsOf(index).page} 0 R`).join(" ");
  yield output.object(OBJECTS.pages, `<< /Type /Pages /Kids [${kids}] /Count ${pageCount} >>`);
  yield output.object(OBJECTS.catalog, `<< /Type /Catalog /Pages ${OBJECTS.pages} 0 R >>`);
  yield output.end();
}

/** The document's bytes as they are made, one table row per cells of `pages`. */
export function pdfFile(columns: ReportColumn[], heading: ReportHeading, pages: AsyncIterable<Cells[]>, created = new Date()): ReportFile {
  const count = { rows: 0 };
  return { chunks: pdfChunks(columns, heading, pages, count, created), count };
}
