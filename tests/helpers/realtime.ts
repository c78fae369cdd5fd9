// Subscribing through supabase-js and collecting what arrives, for realtime tests and benches.
import type { RealtimeChannel, RealtimePostgresChangesPayload, SupabaseClient } from "@supabase/supabase-js";

export type Change = RealtimePostgresChangesPayload<Record<string, unknown>>;

export interface Subscription {
  channel: RealtimeChannel;
  received: Change[];
  /** Resolves with the first received change that satisfies `predicate`. */
  waitFor(predicate: (change: Change) => boolean, timeoutMs?: number): Promise<Change>;
}

let channelCounter = 0;

export async function subscribe(
  client: SupabaseClient,
  binding: { event: "*" | "INSERT" | "UPDATE" | "DELETE"; table: string; filter?: string },
): Promise<Subscription> {
  const received: Change[] = [];
  const waiters: Array<{ predicate: (change: Change) => boolean; resolve: (change: Change) => void }> = [];
  channelCounter += 1;
  const channel = client.channel(`test-${process.pid}-${channelCounter}`);
  channel.on("postgres_changes", { event: binding.event, schema: "public", table: binding.table, filter: binding.filter } as never, (payload: Change) => {
    received.push(payload);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(payload)) waiter.resolve(payload);
      else waiters.push(waiter);
    }
  });
  await new Promise<void>((resolve, reject) => {
    channel.subscribe((status, error) => {
      if (status === "SUBSCRIBED") resolve();
      else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(error ?? new Error(status));
    });
  });
  return {
    channel,
    received,
    waitFor: (predicate, timeoutMs = 5_000) => {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching change within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ predicate, resolve: (change) => (clearTimeout(timer), resolve(change)) });
      });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
