// What pg_cron + pg_net do on a hosted Supabase project (README: "Deploying"), here as a timer:
// the Edge Functions that work through queues are called on a schedule, so a job whose wake-up was
// lost, or whose worker died, is taken up again and nothing waits forever.
import type { Logger } from "./log";

export interface ScheduledCall {
  /** The function's name under /functions/v1. */
  name: string;
  body: Record<string, unknown>;
  everyMs: number;
}

export const SCHEDULE: ScheduledCall[] = [
  { name: "exports", body: { action: "tick" }, everyMs: 60_000 },
  // Retries come due from 5 s after a failure: a run every 10 s keeps the backoff honest.
  { name: "google-sheets", body: { action: "tick" }, everyMs: 10_000 },
  // The nightly reconcile: every drift between the sheet and dispatches is reported and repaired.
  { name: "google-sheets", body: { action: "reconcile" }, everyMs: 24 * 60 * 60 * 1000 },
];

export function startSchedule(apiUrl: string, serviceRoleKey: string, calls: ScheduledCall[], log: Logger): () => void {
  const timers = calls.map((call) =>
    setInterval(() => {
      fetch(`${apiUrl}/functions/v1/${call.name}`, {
        method: "POST",
        headers: { authorization: `Bearer ${serviceRoleKey}`, "content-type": "application/json" },
        body: JSON.stringify(call.body),
      })
        .then(async (response) => {
          await response.body?.cancel();
          if (!response.ok) log.error(`Scheduled call to ${call.name} answered ${response.status}`);
        })
        .catch((error: unknown) => log.error(`Scheduled call to ${call.name} failed: ${(error as Error).message}`));
    }, call.everyMs),
  );
  // The timers must not keep a stopping process alive.
  timers.forEach((timer) => timer.unref());
  return () => timers.forEach(clearInterval);
}
