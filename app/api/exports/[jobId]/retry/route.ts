import { after, NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { wakeExportWorker } from "@/lib/exports/worker";
import { retryExportJob } from "@/lib/queries/exports";
import { createAdminClient } from "@/lib/supabase/admin";
import { exportJobParamsSchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

/** Seed 001: a failed job back to the queue from the start (400 for the others, 403 for another user's), answered as the job. */
export const POST = authenticated({ params: exportJobParamsSchema }, async ({ supabase, params }) => {
  const job = await retryExportJob(supabase, createAdminClient(), params.jobId);
  after(() => wakeExportWorker(job.id));
  return NextResponse.json(job);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
