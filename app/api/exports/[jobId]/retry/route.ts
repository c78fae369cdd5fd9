import { after, NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { wakeExportWorker } from "@/lib/exports/worker";
import { retryExportJob } from "@/lib/queries/exports";
import { exportJobParamsSchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

/** Seed 001: a failed job back to the queue from the start (400 for the others), answered as the job. */
export const POST = authenticated({ params: exportJobParamsSchema }, async ({ supabase, params }) => {
  const job = await retryExportJob(supabase, params.jobId);
  after(() => wakeExportWorker(job.id));
  return NextResponse.json(job);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
