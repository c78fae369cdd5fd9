// Drains the outbox into the sheet: a batch at a time, each posted once to the Apps Script web
// app, and exactly the events it acknowledges marked delivered. A failure leaves the batch to the
// backoff in SQL and ends this run; the next wake-up or the schedule tries again.
import type { Outbox } from "./outbox.ts";
import { callScript, refusal } from "./script.ts";
import { sheetEvent, type SheetEvent } from "./sheet-row.ts";

/** How long the script may take to answer a batch before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface ScriptAnswer {
  applied: string[];
  failed: Array<{ id: string; error: string }>;
}

export interface DrainReport {
  delivered: number;
  failed: number;
  /** Events may be left that this run did not reach (it ran out of time, or a batch failed). */
  more: boolean;
  waiting?: string;
}

export interface Sink {
  /** Posts one batch; the ids the script applied (or had applied before), and its refusals. */
  deliver(events: SheetEvent[]): Promise<ScriptAnswer>;
}

/** A run stops starting batches after this long, so one invocation stays within its wall clock. */
const RUN_BUDGET_MS = 60_000;

export async function drain(outbox: Outbox, sink: Sink | string, started = Date.now()): Promise<DrainReport> {
  await outbox.noteRun(typeof sink === "string" ? sink : null);
  if (typeof sink === "string") return { delivered: 0, failed: 0, more: false, waiting: sink };
  const batchSize = await outbox.batchSize();
  const report: DrainReport = { delivered: 0, failed: 0, more: false };
  while (Date.now() - started < RUN_BUDGET_MS) {
    const claimed = await outbox.claim();
    if (claimed.length === 0) return report;
    const lease = claimed[0]!.lease;
    const events = claimed.map(sheetEvent);
    let answer: ScriptAnswer;
    try {
      answer = await sink.deliver(events);
    } catch (error) {
      await outbox.settle(lease, [], error instanceof Error ? error.message : String(error));
      return { ...report, failed: report.failed + events.length, more: true };
    }
    const sent = new Set(events.map((event) => event.id));
    const applied = answer.applied.filter((id) => sent.has(id));
    const refusal = answer.failed[0];
    const error = applied.length === events.length ? null : refusal ? `The sheet refused an event: ${refusal.error}` : "The sheet did not acknowledge every event";
    report.delivered += await outbox.settle(lease, applied, error);
    report.failed += events.length - applied.length;
    if (error) return { ...report, more: true };
    if (claimed.length < batchSize) return report;
  }
  return { ...report, more: true };
}

/** The Apps Script web app at `url`: one signed call per batch (script.ts). */
export function appsScriptSink(url: string, secret: string, sheet: string, now = () => Date.now()): Sink {
  return {
    async deliver(events) {
      const answer = await callScript(url, secret, { action: "apply", sheet, events }, DELIVERY_TIMEOUT_MS, now());
      if (!Array.isArray(answer.applied)) throw new Error(`The Apps Script refused the batch: ${refusal(answer)}`);
      const failed = Array.isArray(answer.failed) ? (answer.failed as ScriptAnswer["failed"]) : [];
      return { applied: answer.applied.map(String), failed };
    },
  };
}
