import { authenticated } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";
import { progressOfJob, progressStream } from "@/lib/exports/progress";
import { currentAccessToken } from "@/lib/queries/auth";
import { getExportJobs } from "@/lib/queries/exports";
import { exportProgressQuerySchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Seed 001's progress stream for the user's own jobs (400 for a bad list, 404 when none is theirs). */
export const GET = authenticated({ query: exportProgressQuerySchema }, async ({ request, supabase, userId, query }) => {
  const known = await getExportJobs(supabase, userId, query.jobIds);
  if (known.length === 0) throw notFound("The export jobs");
  const token = (await currentAccessToken(supabase))?.token;
  if (!token) throw notFound("The export jobs");
  const jobIds = known.map((job) => job.id);
  const stream = progressStream({
    supabase,
    accessToken: token,
    jobIds,
    snapshot: async () => (await getExportJobs(supabase, userId, jobIds)).map((job) => ({ job: progressOfJob(job), updatedAt: job.updatedAt })),
    signal: request.signal,
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
