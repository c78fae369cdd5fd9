import { after, NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { wakeExportWorker } from "@/lib/exports/worker";
import { createExportJob, listExportJobs } from "@/lib/queries/exports";
import { createExportSchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

/** Seed 001: the user's latest 20 jobs. */
export const GET = authenticated({}, async ({ supabase, userId }) => NextResponse.json({ jobs: await listExportJobs(supabase, userId) }));

/** Seed 001: queues a job (at most 5 waiting or running per user, else 429) and wakes the worker. */
export const POST = authenticated({ body: createExportSchema }, async ({ supabase, body }) => {
  const exportJob = await createExportJob(supabase, body);
  after(() => wakeExportWorker(exportJob.id));
  return NextResponse.json({ exportJob }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
