"use client";

// The one way a page listens to Supabase Realtime: a channel per mount, joined with what the
// caller asks for (table changes, broadcast events, presence), left on unmount, and a status the
// UI can show. Handlers live in a ref, so a re-render never re-joins; only a change to what the
// server is told at join (topic, tables, filters) does.
import { useEffect, useId, useRef, useState } from "react";
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel, type RealtimePostgresChangesPayload } from "@supabase/realtime-js";
import type { PresenceState, RealtimeStatus } from "@/lib/realtime/site-channels";
import { realtimeClient } from "@/lib/supabase/client";

export type { RealtimeStatus };

export interface TableChange {
  event: "INSERT" | "UPDATE" | "DELETE" | "*";
  table: string;
  /** PostgREST-style filter, e.g. "site_id=eq.<uuid>". */
  filter?: string;
}

export type ChangePayload = RealtimePostgresChangesPayload<Record<string, unknown>>;

export interface RealtimeOptions {
  /** The channel's topic. Unless `shared`, a suffix makes it unique to this mount. */
  topic: string;
  /** An exact topic others broadcast on (site:<id>), not one of this mount's own. */
  shared?: boolean;
  /** Joined only if RLS on realtime.messages lets the user (Realtime Authorization). */
  isPrivate?: boolean;
  changes?: readonly TableChange[];
  onChange?: (payload: ChangePayload) => void;
  broadcastEvents?: readonly string[];
  onBroadcast?: (event: string, payload: unknown) => void;
  /** What this user shares with the channel's other members, under `key`. */
  presence?: { key: string; state: Record<string, string> };
  onPresence?: (state: PresenceState) => void;
  /** Every (re)join. `resumed`: the connection had been lost, so events may have been missed. */
  onJoined?: (resumed: boolean) => void;
  enabled?: boolean;
}

// How long rejoining may take before the page says it is offline (it keeps trying).
export const OFFLINE_AFTER_MS = 15_000;

export function useRealtime(options: RealtimeOptions): RealtimeStatus {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const mountId = useId();
  const [status, setStatus] = useState<RealtimeStatus>("connecting");
  const { topic, shared = false, isPrivate = false, enabled = true } = options;
  const channelTopic = shared ? topic : `${topic}:${mountId.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  // What the server learns at join: when it changes, the channel is joined again.
  const joinKey = JSON.stringify([options.changes ?? [], options.broadcastEvents ?? [], options.presence ?? null]);

  useEffect(() => {
    if (!enabled) return;
    const realtime = realtimeClient();
    let channel: RealtimeChannel | null = null;
    let left = false;
    let lost = false;
    let offlineTimer: ReturnType<typeof setTimeout> | undefined;

    const connectionLost = () => {
      lost = true;
      setStatus((current) => (current === "offline" ? current : "reconnecting"));
      offlineTimer ??= setTimeout(() => setStatus("offline"), OFFLINE_AFTER_MS);
    };
    const onState = (state: `${REALTIME_SUBSCRIBE_STATES}`) => {
      if (state === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) {
        clearTimeout(offlineTimer);
        offlineTimer = undefined;
        setStatus("connected");
        const { presence } = latest.current;
        if (presence && channel) void channel.track(presence.state);
        latest.current.onJoined?.(lost);
        lost = false;
      } else if (state !== REALTIME_SUBSCRIBE_STATES.CLOSED) {
        // CHANNEL_ERROR and TIMED_OUT: realtime-js rejoins by itself, with backoff.
        connectionLost();
      }
    };

    const join = async () => {
      // IMPORTANT: the join must carry the user's token, or RLS judges it as anon (private
      // channels refuse it, table changes arrive filtered to nothing): the token is set first,
      // as Supabase's docs ask.
      await realtime.setAuth().catch(() => undefined);
      // realtime-js hands back an existing channel of the same topic: one still leaving (this
      // component mounted again at once) must be gone first, or it would be reused and then closed.
      const stale = realtime.getChannels().find((candidate) => candidate.topic === `realtime:${channelTopic}`);
      if (stale) await realtime.removeChannel(stale);
      if (left) return;
      const { changes = [], broadcastEvents = [], presence } = latest.current;
      const joined = realtime.channel(channelTopic, { config: { private: isPrivate, ...(presence ? { presence: { key: presence.key } } : {}) } });
      for (const change of changes) {
        joined.on("postgres_changes", { event: change.event, schema: "public", table: change.table, filter: change.filter }, (payload: ChangePayload) =>
          latest.current.onChange?.(payload),
        );
      }
      for (const event of broadcastEvents) {
        joined.on("broadcast", { event }, (message) => latest.current.onBroadcast?.(event, message.payload));
      }
      if (presence) joined.on("presence", { event: "sync" }, () => latest.current.onPresence?.(joined.presenceState()));
      channel = joined;
      joined.subscribe(onState);
    };
    void join();

    const wentOffline = () => {
      lost = true;
      setStatus("offline");
    };
    window.addEventListener("offline", wentOffline);
    return () => {
      left = true;
      clearTimeout(offlineTimer);
      window.removeEventListener("offline", wentOffline);
      if (channel) void realtime.removeChannel(channel);
    };
  }, [channelTopic, isPrivate, enabled, joinKey]);

  return enabled ? status : "connecting";
}
