"use client";

// The live side of a site: what happens there (the "activity" messages the database broadcasts
// on the private channel site:<id>), who is online, and whether the page is connected. One
// SiteChannelsProvider (in the app shell) holds the channels; any component listens here.
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from "react";
import type { ActivityListener, RealtimeStatus, OnlineMember, SiteChannelsStore } from "@/lib/realtime/site-channels";

export type { OnlineMember };

export const SiteChannelsContext = createContext<SiteChannelsStore | null>(null);

function useChannels(): SiteChannelsStore {
  const channels = useContext(SiteChannelsContext);
  if (!channels) throw new Error("Site channels are only available inside the app shell.");
  return channels;
}

/** Calls the listener's handlers for every activity message and join of the sites in view. */
export function useSiteActivity(listener: ActivityListener): void {
  const channels = useChannels();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      channels.subscribe({
        onMessage: (message) => latest.current.onMessage?.(message),
        onJoined: (resumed) => latest.current.onJoined?.(resumed),
      }),
    [channels],
  );
}

const idle = () => "idle" as const;
const NOBODY: readonly OnlineMember[] = [];
const nobody = () => NOBODY;

/** connected / reconnecting / offline across the sites in view ("idle" when there are none). */
export function useRealtimeStatus(): RealtimeStatus | "idle" {
  const channels = useChannels();
  return useSyncExternalStore(channels.watch, channels.status, idle);
}

/** The people online at the sites in view, this user included. */
export function useOnlineMembers(): readonly OnlineMember[] {
  const channels = useChannels();
  return useSyncExternalStore(channels.watch, channels.online, nobody);
}
