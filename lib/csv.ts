// CSV for people who open it in Excel: papaparse's RFC 4180 quoting, a UTF-8 BOM, and no cell
// that a spreadsheet would run as a formula.
import Papa from "papaparse";

export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading =, +, -, @, tab or CR makes Excel evaluate a cell; a quote mark makes it text. */
export function neutralize(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvRows(rows: unknown[][]): string {
  // A ';' is quoted too: Excel in a ';' locale would split x;=1+1 into a formula cell.
  return `${Papa.unparse(rows.map((row) => row.map(neutralize)), { newline: "\r\n", quotes: (value: unknown) => typeof value === "string" && value.includes(";") })}\r\n`;
}

/**
 * Every field in quotes (an empty one as ""), lines ended by \n, as seed 000's dispatch CSV writes
 * them: the rule of COPY's CSV with force_quote * over private.csv_field (public.dispatch_csv_slice).
 */
export function csvQuotedLine(cells: unknown[]): string {
  return `${cells.map((cell) => `"${neutralize(cell).replaceAll('"', '""')}"`).join(",")}\n`;
}
