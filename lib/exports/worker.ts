// Wakes the Edge Function `exports` (supabase/functions/exports) after a job was created or
// re-queued; with its id, that job is taken first.
import "server-only";
import { wakeFunction } from "@/lib/edge-functions";

export const wakeExportWorker = (jobId?: string) => wakeFunction("exports", jobId ? { jobId } : {});
