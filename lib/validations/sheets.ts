// The Sheets sync's operations: a backfill names a date range of dispatches.
import { z } from "zod";
import { calendarDay } from "@/lib/validations/common";

export const backfillSheetsSchema = z
  .strictObject({ dateFrom: calendarDay, dateTo: calendarDay })
  .refine((input) => input.dateFrom <= input.dateTo, { message: "dateFrom must be on or before dateTo", path: ["dateTo"] });
export type BackfillSheetsInput = z.output<typeof backfillSheetsSchema>;
