// Text people paste or drop into the grid, as rows of cells. Excel and Google Sheets put
// tab-separated text on the clipboard (quoting a cell only when it holds a tab, a quote or a line
// break); a .csv file is comma-separated. papaparse reads both; this decides which and tidies what
// spreadsheets leave around the data.
import Papa from "papaparse";

const BOM = /^\uFEFF/;
// Non-breaking and other odd spaces that Excel and web pages put in cells.
const ODD_SPACES = /[\u00A0\u2007\u202F]/g;

/** The separators in the first row, outside quoted cells (a quoted cell may hold either). */
function separatorsInFirstRow(text: string): { tabs: number; commas: number } {
  let quoted = false;
  let tabs = 0;
  let commas = 0;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === "\n" || character === "\r")) break;
    else if (!quoted && character === "\t") tabs += 1;
    else if (!quoted && character === ",") commas += 1;
  }
  return { tabs, commas };
}

const NUMBER_WITH_THOUSANDS = /^"?-?\d{1,3}(,\d{3})+(\.\d+)?"?$/;

/**
 * Tab when the first row has a tab (what spreadsheets copy), comma when it has a comma (a CSV
 * file), unless every line is one number like 1,234.5: a single copied column, not CSV.
 */
function detectDelimiter(text: string): "\t" | "," {
  const { tabs, commas } = separatorsInFirstRow(text);
  if (tabs > 0 || commas === 0) return "\t";
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.every((line) => NUMBER_WITH_THOUSANDS.test(line.trim())) ? "\t" : ",";
}

const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === "");

/** Pasted or file text → rows of trimmed cells: no blank lines, no trailing empty columns. */
export function parseTable(text: string): string[][] {
  const clean = text.replace(BOM, "");
  if (clean.trim() === "") return [];
  const { data } = Papa.parse<string[]>(clean, { delimiter: detectDelimiter(clean), skipEmptyLines: false });
  const rows = data.map((row) => row.map((cell) => cell.replace(ODD_SPACES, " ").trim())).filter((row) => !isBlank(row));
  const width = Math.max(0, ...rows.map(lastFilledIndex)) + 1;
  return rows.map((row) => {
    const cells = row.slice(0, width);
    while (cells.length < width) cells.push("");
    return cells;
  });
}

function lastFilledIndex(row: readonly string[]): number {
  for (let index = row.length - 1; index >= 0; index -= 1) if (row[index] !== "") return index;
  return 0;
}

/** Cells as tab-separated text that Excel and Sheets paste back as cells (quoted where needed). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows.map((row) => [...row]), { delimiter: "\t", newline: "\r\n", quotes: false });
}
