// The state behind the app shell's site channels, kept outside React so that any number of
// components can listen without re-joining anything: listeners of activity messages, each
// channel's status, and who is online (presence), merged across the sites in view.
import type { ActivityMessage } from "@/lib/validations/activity";

export type RealtimeStatus = "connecting" | "connected" | "reconnecting" | "offline";

export interface OnlineMember {
  userId: string;
  name: string;
  opsId: string;
}

export interface ActivityListener {
  onMessage?: (message: ActivityMessage) => void;
  /** Every (re)join, and at once for a listener subscribing after a join: messages may have been missed. */
  onJoined?: (resumed: boolean) => void;
}

/** Presence as realtime-js reports it: per key, the metas tracked under it. */
export type PresenceState = Record<string, Array<Record<string, unknown>>>;

// The worst status wins: one site offline makes the page offline.
const SEVERITY: readonly RealtimeStatus[] = ["connected", "connecting", "reconnecting", "offline"];

export function combinedStatus(statuses: Iterable<RealtimeStatus>): RealtimeStatus | "idle" {
  let worst: RealtimeStatus | "idle" = "idle";
  for (const status of statuses) {
    if (worst === "idle" || SEVERITY.indexOf(status) > SEVERITY.indexOf(worst)) worst = status;
  }
  return worst;
}

/** Everyone present at any of the sites, once each, by name. */
export function onlineMembers(presence: Iterable<PresenceState>): OnlineMember[] {
  const members = new Map<string, OnlineMember>();
  for (const state of presence) {
    for (const [userId, metas] of Object.entries(state)) {
      const meta = metas[0] ?? {};
      const text = (field: string) => (typeof meta[field] === "string" ? meta[field] : "");
      members.set(userId, { userId, name: text("name") || text("opsId") || "Someone", opsId: text("opsId") });
    }
  }
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function createSiteChannelsStore() {
  const listeners = new Set<ActivityListener>();
  const watchers = new Set<() => void>();
  const statuses = new Map<string, RealtimeStatus>();
  const presence = new Map<string, PresenceState>();
  // Snapshots stay the same object until something changes (useSyncExternalStore needs that).
  let status: RealtimeStatus | "idle" = "idle";
  let online: readonly OnlineMember[] = [];
  let joinedOnce = false;

  const changed = () => {
    status = combinedStatus(statuses.values());
    online = onlineMembers(presence.values());
    for (const watcher of watchers) watcher();
  };

  return {
    subscribe(listener: ActivityListener) {
      listeners.add(listener);
      // A listener that arrives after the join (a section that streamed in later) missed what
      // happened meanwhile, as a rejoin would have: it is told at once, so it catches up.
      if (joinedOnce) listener.onJoined?.(false);
      return () => void listeners.delete(listener);
    },
    watch(onChange: () => void) {
      watchers.add(onChange);
      return () => void watchers.delete(onChange);
    },
    status: () => status,
    online: () => online,
    message(message: ActivityMessage) {
      for (const listener of listeners) listener.onMessage?.(message);
    },
    joined(resumed: boolean) {
      joinedOnce = true;
      for (const listener of listeners) listener.onJoined?.(resumed);
    },
    setStatus(siteId: string, next: RealtimeStatus) {
      if (statuses.get(siteId) === next) return;
      statuses.set(siteId, next);
      changed();
    },
    setPresence(siteId: string, state: PresenceState) {
      presence.set(siteId, state);
      changed();
    },
    remove(siteId: string) {
      statuses.delete(siteId);
      presence.delete(siteId);
      changed();
    },
  };
}

export type SiteChannelsStore = ReturnType<typeof createSiteChannelsStore>;
