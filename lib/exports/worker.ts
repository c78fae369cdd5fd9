// Wakes the Edge Function `exports` (supabase/functions/exports) after a job was created or
// re-queued. It answers 202 at once and works on its own; the request that woke it never waits,
// and a failed wake-up loses nothing: the job waits in the queue for the next wake-up or the
// scheduled tick.
import "server-only";
import { publicEnv, serviceRoleKey } from "@/lib/env";

export async function wakeExportWorker(jobId?: string): Promise<void> {
  try {
    const response = await fetch(`${publicEnv().supabaseUrl}/functions/v1/exports`, {
      method: "POST",
      headers: { authorization: `Bearer ${serviceRoleKey()}`, "content-type": "application/json" },
      body: JSON.stringify(jobId ? { jobId } : {}),
    });
    await response.body?.cancel();
    if (!response.ok) console.error(`[exports] the worker did not take the wake-up: ${response.status}`);
  } catch (error) {
    console.error(`[exports] the worker could not be woken: ${error instanceof Error ? error.message : String(error)}`);
  }
}
