"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { Activity, Trash2, WifiOff, type LucideIcon } from "lucide-react";
import { readActivity } from "@/app/actions/read-activity";
import { NAV_ICONS } from "@/components/app-shell/nav-icons";
import { StatusBadge } from "@/components/dispatch/status-badge";
import { useNow } from "@/hooks/use-now";
import { useRealtimeStatus, useSiteActivity } from "@/hooks/use-site-activity";
import { describeActivity, type ActivityKind } from "@/lib/activity/describe";
import { lastSeenId, mergeEntries } from "@/lib/activity/feed";
import { formatDateTime, timeAgo } from "@/lib/format";
import { isDispatchStatus } from "@/lib/constants";
import type { ActivityEntry } from "@/lib/validations/activity";
import { cn } from "@/lib/utils";

// An entry wears its module's icon, as in the sidebar.
const ICONS: Record<ActivityKind, LucideIcon> = {
  dispatch: NAV_ICONS.dispatch,
  production: NAV_ICONS.production,
  received: NAV_ICONS.received,
  equipment: NAV_ICONS.equipment,
  manpower: NAV_ICONS.manpower,
  inventory: NAV_ICONS.inventory,
  other: Activity,
};

interface ActivityFeedProps {
  /** The newest entries as the server rendered them. */
  initial: ActivityEntry[];
  /** The sites shown (null: all the user may read), for catching up after a lost connection. */
  siteIds: string[] | null;
  showSite: boolean;
}

/**
 * Seed 000's "Recent Activity": the latest changes at the sites in view, live. Messages on the
 * site channels carry the entries; after a lost connection the feed asks the server for every
 * entry after the last one it saw, so nothing is missing and (merged by id) nothing shows twice.
 */
export function ActivityFeed({ initial, siteIds, showSite }: ActivityFeedProps) {
  const [live, setLive] = useState<ActivityEntry[]>([]);
  const [catchUpFailed, setCatchUpFailed] = useState(false);
  const entries = useMemo(() => mergeEntries(initial, live), [initial, live]);
  const shown = useRef(entries);
  useEffect(() => {
    shown.current = entries;
  });
  const status = useRealtimeStatus();
  const now = useNow();

  const add = (incoming: readonly ActivityEntry[]) => setLive((current) => mergeEntries(current, incoming));
  useSiteActivity({
    onMessage: (message) => add(message.entries),
    // Every join, the first included (the page was rendered before the channel was joined), and at
    // once if the feed streamed in after the join: whatever happened meanwhile is fetched.
    onJoined: async () => {
      const result = await readActivity({ siteIds, afterId: lastSeenId(shown.current) });
      setCatchUpFailed(!result.success);
      if (result.success) add(result.entries);
    },
  });

  const newest = entries[0];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-3">
      {status === "reconnecting" || status === "offline" || catchUpFailed ? (
        <p role="status" className="flex items-center gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-xs" data-testid="feed-connection">
          <WifiOff className="size-3.5 shrink-0" aria-hidden />
          {catchUpFailed ? "Could not load what happened meanwhile. Reload the page to see it." : "Connection lost. Reconnecting; changes made meanwhile will appear when it is back."}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <div className="grid place-items-center gap-2 rounded-md border border-dashed px-4 py-10 text-center" data-testid="activity-empty">
          <Activity className="size-5 text-muted-foreground" aria-hidden />
          <p className="text-sm font-medium">No activity yet</p>
          <p className="max-w-64 text-xs text-muted-foreground">New dispatches, status changes and site logs appear here the moment anyone saves them.</p>
        </div>
      ) : (
        <ol className="grid grid-cols-[minmax(0,1fr)] gap-1" aria-label="Recent activity" data-testid="activity-feed">
          {entries.map((entry) => (
            <FeedItem key={entry.id} entry={entry} now={now} showSite={showSite} />
          ))}
        </ol>
      )}
      <p className="sr-only" aria-live="polite">
        {newest && live.some((entry) => entry.id === newest.id) ? `New activity: ${describeActivity(newest).title}` : ""}
      </p>
    </div>
  );
}

function FeedItem({ entry, now, showSite }: { entry: ActivityEntry; now: Date; showSite: boolean }) {
  const words = describeActivity(entry);
  const Icon = entry.action === "delete" ? Trash2 : ICONS[words.kind];
  const actor = entry.actor?.name ?? entry.actor?.ops_id ?? "Someone";
  return (
    <li className="flex gap-3 rounded-md px-2 py-2 hover:bg-muted/50" data-testid="activity-item" data-entry-id={entry.id} data-row-id={entry.row_id}>
      <span
        className={cn(
          "mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground",
          entry.action === "delete" && "bg-destructive/10 text-destructive",
        )}
      >
        <Icon className="size-3.5" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex items-start gap-2 text-sm font-medium">
          <span className="line-clamp-2 min-w-0 break-words">{words.title}</span>
          {words.statusChange && isDispatchStatus(words.statusChange.to) ? <StatusBadge status={words.statusChange.to} /> : null}
        </p>
        {words.detail ? <p className="truncate text-xs text-muted-foreground">{words.detail}</p> : null}
        <p className="text-xs text-muted-foreground">
          {actor}
          {showSite && entry.site_code ? ` · ${entry.site_code}` : ""} ·{" "}
          <time dateTime={entry.at} title={formatDateTime(entry.at)}>
            {timeAgo(entry.at, now)}
          </time>
        </p>
      </div>
    </li>
  );
}
