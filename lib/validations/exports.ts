// Export jobs (seed 001): what a user may ask for, and the ids the job routes take.
import { z } from "zod";
import { EXPORT_FORMATS, EXPORT_GRANULARITIES, EXPORT_MODULES } from "@/lib/constants";
import { dayOrDateTime } from "@/lib/validations/common";

export const createExportSchema = z
  .strictObject({
    siteId: z.uuid(),
    module: z.enum(EXPORT_MODULES),
    dateFrom: dayOrDateTime,
    dateTo: dayOrDateTime,
    granularity: z.enum(EXPORT_GRANULARITIES).default("daily"),
    format: z.enum(EXPORT_FORMATS),
  })
  .refine((input) => input.dateFrom <= input.dateTo, { message: "dateFrom must be on or before dateTo", path: ["dateTo"] });
export type CreateExportInput = z.output<typeof createExportSchema>;

export const exportJobParamsSchema = z.strictObject({ jobId: z.uuid({ message: "Not an export job id" }) });

/** The most jobs one progress stream follows (a user has at most 20 listed). */
export const MAX_PROGRESS_JOBS = 20;

export const exportProgressQuerySchema = z.strictObject({
  jobIds: z
    .string()
    .transform((value) => [...new Set(value.split(",").map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.uuid({ message: "jobIds must be export job ids, separated by commas" })).min(1).max(MAX_PROGRESS_JOBS)),
});
