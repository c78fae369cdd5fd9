// Reconcile: the script reads the whole sheet (Code.gs snapshot_), and Postgres compares it with
// dispatches and queues a repair for every drift (private.reconcile_sheet), so repairs reach the
// sheet through the outbox, in order with every other change.
import { signedQuery } from "./signature.ts";
import { DELIVERY_TIMEOUT_MS } from "./drain.ts";

/** Reading a large sheet takes the script longer than applying a batch. */
const SNAPSHOT_TIMEOUT_MS = 6 * DELIVERY_TIMEOUT_MS;

export async function readSheet(url: string, secret: string, sheet: string, now = () => Date.now()): Promise<unknown[]> {
  const body = JSON.stringify({ action: "snapshot", sheet });
  const query = await signedQuery(secret, body, Math.floor(now() / 1000));
  const response = await fetch(`${url}${url.includes("?") ? "&" : "?"}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    redirect: "follow",
    signal: AbortSignal.timeout(SNAPSHOT_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`The Apps Script web app answered ${response.status}: ${text.slice(0, 200)}`);
  let answer: { rows?: unknown[]; error?: string };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`The Apps Script web app did not answer JSON: ${text.slice(0, 200)}`);
  }
  if (!Array.isArray(answer.rows)) throw new Error(`The Apps Script refused to read the sheet: ${answer.error ?? text.slice(0, 200)}`);
  return answer.rows;
}
