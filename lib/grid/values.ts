// Numbers and dates as people paste them, read into what the API takes. A value that could mean two
// things (03/04/2026) is flagged, never guessed.

export type Read<Value> = { ok: true; value: Value } | { ok: false; message: string };

const failed = (message: string): Read<never> => ({ ok: false, message });

/** "1,234.5", "1 234.5", "(12)" → a number; a comma decimal ("12,5") is not read as 125. */
export function readNumber(text: string): Read<number> {
  let clean = text.trim().replace(/\s/g, "");
  if (clean === "") return failed("Enter a number");
  const negative = /^\(.*\)$/.test(clean);
  if (negative) clean = clean.slice(1, -1);
  const thousands = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
  if (thousands.test(clean)) clean = clean.replace(/,/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(clean)) return failed(`"${text.trim()}" is not a number`);
  const value = Number(clean);
  return { ok: true, value: negative ? -value : value };
}

/** How a date like 03/04/2026 is read: day first (most of the world) or month first (the US). */
export type DateOrder = "dmy" | "mdy";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 25569 is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

function isoDay(year: number, month: number, day: number): Read<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return failed("That date does not exist");
  }
  return { ok: true, value: date.toISOString().slice(0, 10) };
}

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** The order a slash date must be read in, if only one order makes it a date (21/11 → dmy). */
function orderOf(text: string): DateOrder | null {
  const match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(text.trim());
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[2]);
  if (first > 12 && second <= 12) return "dmy";
  if (second > 12 && first <= 12) return "mdy";
  return null;
}

/** The order a column's dates prove (one 21/11/2026 settles the rest), or null if none does. */
export function inferDateOrder(texts: Iterable<string>): DateOrder | null {
  for (const text of texts) {
    const order = orderOf(text);
    if (order) return order;
  }
  return null;
}

/**
 * A pasted date as YYYY-MM-DD: 2026-11-21, 11/21/2026 or 21/11/2026 (by `order`), 21-Nov-2026,
 * 21 November 2026, Nov 21, 2026, or an Excel serial number (46347). Without an order, a slash
 * date whose day and month could swap is flagged.
 */
export function readDate(text: string, order: DateOrder | null): Read<string> {
  const value = text.trim();
  if (value === "") return failed("Enter a date");
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
  if (match) return isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(value);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), fullYear(match[3] ?? "")];
    const readAs = order ?? orderOf(value) ?? (first === second ? "dmy" : null);
    if (readAs === null) return failed(`Is ${value} ${describe(year, second, first)} or ${describe(year, first, second)}? Choose the date order above the grid.`);
    return readAs === "dmy" ? isoDay(year, second, first) : isoDay(year, first, second);
  }
  match = /^(\d{1,2})[-\s]([A-Za-z]{3,9})[-\s,]+(\d{2}|\d{4})$/.exec(value);
  if (match) return named(match[2] ?? "", Number(match[1]), fullYear(match[3] ?? ""), value);
  match = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(value);
  if (match) return named(match[1] ?? "", Number(match[2]), Number(match[3]), value);
  if (/^\d{5}(\.\d+)?$/.test(value)) {
    const date = new Date(Math.round((Math.floor(Number(value)) - EXCEL_EPOCH_OFFSET) * DAY_MS));
    return { ok: true, value: date.toISOString().slice(0, 10) };
  }
  return failed(`"${value}" is not a date; use 2026-11-21`);
}

function named(monthName: string, day: number, year: number, text: string): Read<string> {
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
  return month === 0 ? failed(`"${text}" is not a date; use 2026-11-21`) : isoDay(year, month, day);
}

function describe(year: number, month: number, day: number): string {
  const read = isoDay(year, month, day);
  if (!read.ok) return "not a date";
  return new Date(`${read.value}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}
