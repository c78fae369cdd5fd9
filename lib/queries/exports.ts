// Export jobs (seed 001) in its camelCase shape. Users name a report and may cancel it; the Edge
// Function `exports` does the rest. RLS shows a user their own jobs only.
import { camelKeys } from "@/lib/case";
import { ApiError, fromPostgrest, notFound } from "@/lib/errors";
import type { Supabase, Tables } from "@/lib/supabase/types";
import type { CreateExportInput } from "@/lib/validations/exports";

/** The seed's job fields; the worker's own bookkeeping (lease, cursor, hash state) stays inside. */
const JOB_COLUMNS =
  "id, user_id, site_id, module, format, date_from, date_to, granularity, status, progress, file_path, file_size, file_hash, download_url, expires_at, error_message, created_at, updated_at";

type JobRow = Pick<Tables<"export_jobs">, "id" | "user_id" | "site_id" | "module" | "format" | "date_from" | "date_to" | "granularity" | "status" | "progress" | "file_path" | "file_size" | "file_hash" | "download_url" | "expires_at" | "error_message" | "created_at" | "updated_at">;

export const exportJobOf = (row: JobRow) => camelKeys(row);
export type ExportJob = ReturnType<typeof exportJobOf>;

const JOB = "The export job";
/** What retry_export_job raises when the caller has no such job (PL/pgSQL's no_data_found). */
const NO_SUCH_JOB = "P0002";
/** Seed 001: a user has at most this many jobs listed. */
const LIST_LIMIT = 20;

export interface ExportEstimate {
  rows: number;
  /** The most rows the format may hold, or null (CSV). */
  cap: number | null;
}

export async function estimateExport(supabase: Supabase, input: Omit<CreateExportInput, "siteId"> & { siteId: string }): Promise<ExportEstimate> {
  const range = { module: input.module, site_id: input.siteId, date_from: input.dateFrom, date_to: input.dateTo, granularity: input.granularity };
  const [count, cap] = await Promise.all([supabase.rpc("export_row_count", range), supabase.rpc("export_row_cap", { format: input.format })]);
  if (count.error) throw fromPostgrest(count.error, "The report");
  if (cap.error) throw fromPostgrest(cap.error, "The report");
  return { rows: Number(count.data), cap: cap.data };
}

export async function createExportJob(supabase: Supabase, input: CreateExportInput): Promise<ExportJob> {
  const { data: site, error: siteError } = await supabase.from("sites").select("id").eq("id", input.siteId).maybeSingle();
  if (siteError) throw fromPostgrest(siteError, "The site");
  if (!site) throw notFound("The site");
  const estimate = await estimateExport(supabase, input);
  if (estimate.cap !== null && estimate.rows > estimate.cap) {
    throw new ApiError(
      "VALIDATION_ERROR",
      `A ${input.format.toUpperCase()} export holds at most ${estimate.cap.toLocaleString("en-US")} rows and this one would have ${estimate.rows.toLocaleString("en-US")}. Choose CSV, which has no limit, or a shorter range.`,
      { rows: estimate.rows, cap: estimate.cap, suggestion: "csv" },
    );
  }
  const { data, error } = await supabase
    .from("export_jobs")
    .insert({ site_id: input.siteId, module: input.module, format: input.format, date_from: input.dateFrom, date_to: input.dateTo, granularity: input.granularity })
    .select(JOB_COLUMNS)
    .single();
  if (error) throw fromPostgrest(error, JOB);
  return exportJobOf(data);
}

export async function listExportJobs(supabase: Supabase, userId: string): Promise<ExportJob[]> {
  // Admins may read every job (RLS); the list is the user's own, as in seed 001.
  const { data, error } = await supabase.from("export_jobs").select(JOB_COLUMNS).eq("user_id", userId).order("created_at", { ascending: false }).limit(LIST_LIMIT);
  if (error) throw fromPostgrest(error, JOB);
  return data.map(exportJobOf);
}

/** The job when it is the user's; another user's job is "not found", as if it did not exist. */
export async function getExportJob(supabase: Supabase, userId: string, jobId: string): Promise<ExportJob> {
  const { data, error } = await supabase.from("export_jobs").select(JOB_COLUMNS).eq("id", jobId).eq("user_id", userId).maybeSingle();
  if (error) throw fromPostgrest(error, JOB);
  if (!data) throw notFound(JOB);
  return exportJobOf(data);
}

export async function getExportJobs(supabase: Supabase, userId: string, jobIds: string[]): Promise<ExportJob[]> {
  const { data, error } = await supabase.from("export_jobs").select(JOB_COLUMNS).eq("user_id", userId).in("id", jobIds);
  if (error) throw fromPostgrest(error, JOB);
  return data.map(exportJobOf);
}

/** Seed 001: a failed job of the caller's back to the queue; 400 for the others, 403 for someone else's. */
export async function retryExportJob(supabase: Supabase, admin: Supabase, jobId: string): Promise<ExportJob> {
  const { data, error } = await supabase.rpc("retry_export_job", { job_id: jobId }).select(JOB_COLUMNS).single();
  if (error?.code === NO_SUCH_JOB) return refuseJobOfOthers(admin, jobId);
  if (error) throw fromPostgrest(error, JOB);
  return exportJobOf(data);
}

/** A waiting or running job becomes cancelled; the worker stops at its next slice. Answered as retry is. */
export async function cancelExportJob(supabase: Supabase, admin: Supabase, userId: string, jobId: string): Promise<ExportJob> {
  const { data, error } = await supabase.from("export_jobs").update({ status: "cancelled" }).eq("id", jobId).eq("user_id", userId).in("status", ["pending", "processing"]).select(JOB_COLUMNS);
  if (error) throw fromPostgrest(error, JOB);
  if (data[0]) return exportJobOf(data[0]);
  const { data: job, error: readError } = await supabase.from("export_jobs").select("status").eq("id", jobId).eq("user_id", userId).maybeSingle();
  if (readError) throw fromPostgrest(readError, JOB);
  if (!job) return refuseJobOfOthers(admin, jobId);
  throw new ApiError("VALIDATION_ERROR", `Only a waiting or running export can be cancelled; this one is ${job.status}.`);
}

export async function recordExportDownload(supabase: Supabase, jobId: string): Promise<void> {
  const { error } = await supabase.rpc("record_export_download", { job_id: jobId });
  if (error) throw fromPostgrest(error, JOB);
}

export interface ExportFile {
  module: string;
  format: string;
  dateFrom: string;
  dateTo: string;
  /** Storage objects in order: part-00001, part-00002, ... under the owner's folder. */
  paths: string[];
  size: number;
}

/**
 * Seed 001's answer to acting on a job that is not the caller's: 404 when there is no such job,
 * 403 when it is someone else's. Another user's job is invisible under RLS, so whether it exists
 * at all is asked with the service role, and only that.
 */
async function refuseJobOfOthers(admin: Supabase, jobId: string): Promise<never> {
  const { data, error } = await admin.from("export_jobs").select("id").eq("id", jobId).maybeSingle();
  if (error) throw fromPostgrest(error, JOB);
  if (!data) throw notFound(JOB);
  throw new ApiError("FORBIDDEN", "This export belongs to someone else.");
}

/** Seed 001's download checks, in its order: 404 no such job, 403 not the owner, 400 not completed, 410 expired (at `now`). */
export async function exportFileFor(supabase: Supabase, admin: Supabase, userId: string, jobId: string, now: Date): Promise<ExportFile> {
  const { data: job, error } = await supabase
    .from("export_jobs")
    .select("user_id, status, module, format, date_from, date_to, file_path, parts, file_size, expires_at")
    .eq("id", jobId)
    .maybeSingle();
  if (error) throw fromPostgrest(error, JOB);
  // An admin reads every job under RLS, but a download is the owner's only.
  if (!job || job.user_id !== userId) return refuseJobOfOthers(admin, jobId);
  if (job.status !== "completed") throw new ApiError("VALIDATION_ERROR", `The export is not ready: it is ${job.status}.`);
  if (job.expires_at && new Date(job.expires_at) < now) throw new ApiError("GONE", "This export has expired (files are kept 24 hours); make it again.");
  if (!job.file_path || job.parts < 1) throw notFound("The export file");
  const paths = Array.from({ length: job.parts }, (_, index) => `${job.file_path}/part-${String(index + 1).padStart(5, "0")}.${job.format}`);
  return { module: job.module, format: job.format, dateFrom: job.date_from, dateTo: job.date_to, paths, size: job.file_size ?? 0 };
}
