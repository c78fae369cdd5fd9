"use client";

import { useRealtimeStatus } from "@/hooks/use-site-activity";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

const LOOKS = {
  connecting: { label: "Connecting…", dot: "bg-muted-foreground", help: "Joining the live updates of your sites." },
  connected: { label: "Live", dot: "bg-success", help: "Changes at your sites appear as they happen." },
  reconnecting: { label: "Reconnecting…", dot: "bg-warning animate-pulse", help: "The live connection dropped. Retrying; what you miss meanwhile is filled in." },
  offline: { label: "Offline", dot: "bg-destructive", help: "No live connection. Still retrying; reload the page if it lasts." },
} as const;

/** Whether the page receives live changes: connected, reconnecting or offline. */
export function RealtimeIndicator() {
  const status = useRealtimeStatus();
  if (status === "idle") return null;
  const look = LOOKS[status];
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span
          role="status"
          tabIndex={0}
          data-testid="realtime-status"
          data-status={status}
          className="inline-flex items-center gap-2 rounded-full border px-2.5 py-1 text-xs font-medium text-muted-foreground outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <span className={cn("size-2 rounded-full", look.dot)} aria-hidden />
          {look.label}
        </span>
      </TooltipTrigger>
      <TooltipContent>{look.help}</TooltipContent>
    </Tooltip>
  );
}
