// The feed's list: entries from the server and from live messages, merged so that none shows
// twice (an entry can arrive both ways after a reconnect) and the newest come first.
import type { ActivityEntry } from "@/lib/validations/activity";

export const FEED_LENGTH = 10;

const newestFirst = (a: ActivityEntry, b: ActivityEntry) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id;

export function mergeEntries(...lists: ReadonlyArray<readonly ActivityEntry[]>): ActivityEntry[] {
  const byId = new Map<number, ActivityEntry>();
  for (const list of lists) for (const entry of list) byId.set(entry.id, entry);
  return [...byId.values()].sort(newestFirst).slice(0, FEED_LENGTH);
}

/** The last entry the feed has seen, to ask the server for what came after it. */
export const lastSeenId = (entries: readonly ActivityEntry[]): number | undefined =>
  entries.length === 0 ? undefined : Math.max(...entries.map((entry) => entry.id));
