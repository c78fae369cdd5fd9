// The building blocks every schema shares: days, text, tonnes, paging. One definition each, so
// the API, the server actions and the bulk-entry grid read a value the same way.
import { z } from "zod";
import { EARLIEST_OPERATIONAL_DAY, isOperationalDay } from "@/lib/dates";

const DAY_FORMAT = { message: "Use a date like 2026-01-31" } as const;
const OPERATIONAL_DAY = { message: `Use a date from ${EARLIEST_OPERATIONAL_DAY} to a year from today` } as const;

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not) and lies in the days DeskOps accepts. */
export const calendarDay = z.iso.date(DAY_FORMAT).refine((day) => isOperationalDay(day), OPERATIONAL_DAY);

/** A day, or an ISO date-time whose calendar date is taken (seed 001 sends date-times). */
export const dayOrDateTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true }).transform((value) => value.slice(0, 10))], DAY_FORMAT)
  .refine((day) => isOperationalDay(day), OPERATIONAL_DAY);

/** Text that must be there: trimmed, 1 to `max` characters. */
export const requiredText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "Fill this in" : "Enter text") })
    .trim()
    .min(1, "Fill this in")
    .max(max, `At most ${max} characters`);

/** Text that may be left out or null: trimmed, at most `max` characters. */
export const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).nullish();

export const notes = optionalText(1000);

const MAX_TONNES = 999_999_999;
/** Tonnes, as a JSON number (people's "1,234.5" is read by the grid before it gets here). */
export const tonnes = z.number({ message: "Enter a number of tonnes" }).max(MAX_TONNES, "That is more tonnes than a site can hold").min(-MAX_TONNES);

/** ?limit=&offset= paging: at most 1,000 rows a page, as PostgREST's max_rows. */
export const pageLimit = (defaultLimit: number) => z.coerce.number().int().min(1).max(1000).default(defaultLimit);
export const pageOffset = z.coerce.number().int().min(0).max(1_000_000);

/** An update must change something. */
export const changesSomething = (patch: Record<string, unknown>) => Object.values(patch).some((value) => value !== undefined);
export const CHANGE_SOMETHING = { message: "Send at least one field to change." } as const;
