// GET /api/exports/progress as seed 001 describes it: Server-Sent Events `update` (each job's
// status and progress), `keepalive` every 15 s, `complete` when every job is done, closed after 5
// minutes. Fed by Realtime changes on export_jobs, under the user's RLS, not by polling.
import "server-only";
import type { RealtimePostgresChangesPayload } from "@supabase/supabase-js";
import { EXPORT_STATUSES, type ExportStatus } from "@/lib/constants";
import type { JobProgress } from "@/lib/exports/progress-types";
import type { ExportJob } from "@/lib/queries/exports";
import type { Supabase, Tables } from "@/lib/supabase/types";

export const KEEPALIVE_MS = 15_000;
export const STREAM_LIFETIME_MS = 5 * 60_000;
const TERMINAL: readonly ExportStatus[] = ["completed", "failed", "cancelled"];


type ProgressRow = Pick<Tables<"export_jobs">, "id" | "status" | "progress" | "error_message" | "file_path" | "download_url" | "updated_at">;

const isStatus = (value: string): value is ExportStatus => (EXPORT_STATUSES as readonly string[]).includes(value);

export function progressOf(row: ProgressRow): JobProgress {
  return {
    id: row.id,
    status: isStatus(row.status) ? row.status : "pending",
    progress: row.progress,
    errorMessage: row.error_message,
    filePath: row.file_path,
    downloadUrl: row.download_url,
  };
}

export const progressOfJob = (job: ExportJob): JobProgress => ({
  id: job.id, status: isStatus(job.status) ? job.status : "pending", progress: job.progress,
  errorMessage: job.errorMessage, filePath: job.filePath, downloadUrl: job.downloadUrl,
});

export const allDone = (jobs: Iterable<JobProgress>) => [...jobs].every((job) => TERMINAL.includes(job.status));

const event = (payload: Record<string, unknown>) => `data: ${JSON.stringify({ ...payload, timestamp: Date.now() })}\n\n`;

interface StreamOptions {
  supabase: Supabase;
  accessToken: string;
  jobIds: string[];
  /** The jobs as they are now, read after the subscription is live, so no change falls between. */
  snapshot: () => Promise<Array<{ job: JobProgress; updatedAt: string }>>;
  signal: AbortSignal;
  keepaliveMs?: number;
  lifetimeMs?: number;
}

export function progressStream({ supabase, accessToken, jobIds, snapshot, signal, keepaliveMs = KEEPALIVE_MS, lifetimeMs = STREAM_LIFETIME_MS }: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const jobs = new Map<string, JobProgress>();
  // Changes can reach the stream out of order (a snapshot read after a newer change): each job
  // keeps the state of its latest update only.
  const updatedAt = new Map<string, number>();
  const isNewer = (id: string, at: string) => {
    const time = Date.parse(at);
    if (time < (updatedAt.get(id) ?? -Infinity)) return false;
    updatedAt.set(id, time);
    return true;
  };
  const timers: ReturnType<typeof setTimeout>[] = [];
  const channel = supabase.channel(`export-progress:${crypto.randomUUID()}`);
  let closed = false;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (payload: Record<string, unknown>) => {
        if (!closed) controller.enqueue(encoder.encode(event(payload)));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        timers.forEach(clearTimeout);
        void supabase.removeChannel(channel);
        controller.close();
      };
      const update = () => {
        send({ type: "update", jobs: [...jobs.values()] });
        if (allDone(jobs.values())) {
          send({ type: "complete" });
          close();
        }
      };
      signal.addEventListener("abort", close, { once: true });
      await supabase.realtime.setAuth(accessToken);
      await new Promise<void>((resolve, reject) => {
        channel
          .on("postgres_changes", { event: "UPDATE", schema: "public", table: "export_jobs", filter: `id=in.(${jobIds.join(",")})` }, (change: RealtimePostgresChangesPayload<ProgressRow>) => {
            if (!("id" in change.new) || !jobs.has(change.new.id) || !isNewer(change.new.id, change.new.updated_at)) return;
            jobs.set(change.new.id, progressOf(change.new));
            update();
          })
          .subscribe((status, error) => {
            if (status === "SUBSCRIBED") resolve();
            else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(error ?? new Error(`Realtime: ${status}`));
          });
      });
      for (const { job, updatedAt: at } of await snapshot()) if (isNewer(job.id, at)) jobs.set(job.id, job);
      update();
      const keepalive = () => {
        send({ type: "keepalive" });
        timers.push(setTimeout(keepalive, keepaliveMs));
      };
      timers.push(setTimeout(keepalive, keepaliveMs), setTimeout(close, lifetimeMs));
    },
    cancel() {
      closed = true;
      timers.forEach(clearTimeout);
      void supabase.removeChannel(channel);
    },
  });
}
