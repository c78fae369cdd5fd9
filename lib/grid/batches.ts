// Saving the grid: rows go in batches of at most MAX_BATCH_ROWS, each with an idempotency key made
// from the draft and the rows themselves. A double click, a retry after a timeout or a save again
// after a reload sends the same rows with the same key, and the server answers with the first
// save's rows instead of inserting them twice. Rows changed since make a new key. Row ids are
// random per paste, so the same text pasted again later is a new batch, as it should be.
import { MAX_BATCH_ROWS } from "@/lib/constants";

export function chunks<Item>(items: readonly Item[], size: number = MAX_BATCH_ROWS): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** "grid-<sha-256 hex>" of the draft and the batch's ids and values, in order. */
export async function batchKey(draft: string, batch: readonly { id: string; input: unknown }[]): Promise<string> {
  const text = JSON.stringify([draft, batch.map((row) => [row.id, row.input])]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `grid-${Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
