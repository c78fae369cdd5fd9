// Calendar days as people at a site count them: "YYYY-MM-DD" in the site's own timezone.

/** Today's date in a timezone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The days DeskOps accepts: from 2000-01-01 to one year after today (UTC). A log dated 0001 or 9999
 * made the inventory ledger walk millions of days; private.is_operational_day() states the same
 * rule for the database, and tests/integration/db-constants.test.ts checks that the two agree.
 */
export const EARLIEST_OPERATIONAL_DAY = "2000-01-01";
export const OPERATIONAL_YEARS_AHEAD = 1;

/** The last day accepted today: the same calendar day a year on (Feb 29 becomes Feb 28, as in Postgres). */
export function latestOperationalDay(now: Date = new Date()): string {
  const today = now.toISOString().slice(0, 10);
  const [year, month, day] = [Number(today.slice(0, 4)) + OPERATIONAL_YEARS_AHEAD, today.slice(5, 7), today.slice(8, 10)];
  const leapDayMissing = month === "02" && day === "29" && new Date(Date.UTC(year, 1, 29)).getUTCMonth() !== 1;
  return `${year}-${month}-${leapDayMissing ? "28" : day}`;
}

export const isOperationalDay = (day: string, now: Date = new Date()) => day >= EARLIEST_OPERATIONAL_DAY && day <= latestOperationalDay(now);
