// The exports page's requests, on the same queries and schemas as seed 001's /api/exports routes.
import "server-only";
import { after } from "next/server";
import { runAction } from "@/lib/actions/run";
import { wakeExportWorker } from "@/lib/exports/worker";
import { PAGES } from "@/lib/navigation";
import { cancelExportJob, createExportJob, estimateExport, retryExportJob } from "@/lib/queries/exports";
import { createAdminClient } from "@/lib/supabase/admin";
import { createExportSchema, exportJobParamsSchema } from "@/lib/validations/exports";

const EXPORT_PAGES = [PAGES.exports];

export function createExportAction(input: unknown) {
  return runAction("create export", EXPORT_PAGES, async (supabase) => {
    const job = await createExportJob(supabase, createExportSchema.parse(input));
    after(() => wakeExportWorker(job.id));
    return { job };
  });
}

/** How many rows the report would have, and the format's cap: shown before the user asks. */
export function estimateExportAction(input: unknown) {
  return runAction("estimate export", [], async (supabase) => ({ estimate: await estimateExport(supabase, createExportSchema.parse(input)) }));
}

export function cancelExportAction(jobId: unknown) {
  return runAction("cancel export", EXPORT_PAGES, async (supabase, userId) => ({
    job: await cancelExportJob(supabase, createAdminClient(), userId, exportJobParamsSchema.parse({ jobId }).jobId),
  }));
}

export function retryExportAction(jobId: unknown) {
  return runAction("retry export", EXPORT_PAGES, async (supabase) => {
    const job = await retryExportJob(supabase, createAdminClient(), exportJobParamsSchema.parse({ jobId }).jobId);
    after(() => wakeExportWorker(job.id));
    return { job };
  });
}
