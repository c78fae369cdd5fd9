// Reconcile: the script reads the whole sheet (Code.gs snapshot_), and Postgres compares it with
// dispatches and queues a repair for every drift (private.reconcile_sheet), so repairs reach the
// sheet through the outbox, in order with every other change.
import { DELIVERY_TIMEOUT_MS } from "./drain.ts";
import { callScript, refusal } from "./script.ts";

/** Reading a large sheet takes the script longer than applying a batch. */
const SNAPSHOT_TIMEOUT_MS = 6 * DELIVERY_TIMEOUT_MS;

export async function readSheet(url: string, secret: string, sheet: string): Promise<unknown[]> {
  const answer = await callScript(url, secret, { action: "snapshot", sheet }, SNAPSHOT_TIMEOUT_MS);
  if (!Array.isArray(answer.rows)) throw new Error(`The Apps Script refused to read the sheet: ${refusal(answer)}`);
  return answer.rows;
}
