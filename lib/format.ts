// Numbers, tonnes, changes and times as the pages show them: one place, so every card and table
// reads the same. en-US grouping; people at the sites read "1,234.5 t".

const tonnes = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatTonnes = (value: number) => `${tonnes.format(value)} t`;
export const formatCount = (value: number) => whole.format(value);
export const formatPercent = (value: number) => `${oneDecimal.format(value)}%`;

export type Direction = "up" | "down" | "flat";

export const directionOf = (change: number): Direction => (Math.abs(change) < 0.05 ? "flat" : change > 0 ? "up" : "down");

/** "+12.5%" / "−3%" / "0%": a relative change, with a real minus sign. */
export function formatChange(percent: number): string {
  const rounded = Math.round(percent * 10) / 10;
  if (rounded === 0) return "0%";
  return `${rounded > 0 ? "+" : "−"}${oneDecimal.format(Math.abs(rounded))}%`;
}

/** Percentage change from `previous` to `current`; from 0 to more is +100% (seed 001's rule). */
export function percentChange(current: number, previous: number): number {
  if (previous === 0) return current > 0 ? 100 : 0;
  return ((current - previous) / previous) * 100;
}

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "just now", "5 minutes ago", "yesterday": how long ago `at` was, seen from `now`. */
export function timeAgo(at: string | Date, now: Date = new Date()): string {
  let amount = (new Date(at).getTime() - now.getTime()) / 1000;
  if (Math.abs(amount) < 45) return "just now";
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return relative.format(Math.round(amount), "year");
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const fullDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "22 Nov 2026, 14:05" in the reader's timezone. */
export const formatDateTime = (at: string | Date, timeZone?: string) =>
  (timeZone ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }) : dateTime).format(new Date(at));

/** A calendar day "2026-11-22" as "22 Nov" (or "Sun, 22 Nov 2026" in full). */
export const formatDay = (day: string, full = false) => (full ? fullDay : dayFormat).format(new Date(`${day}T00:00:00Z`));
