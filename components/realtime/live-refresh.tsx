"use client";

import { useEffect, useMemo, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useSiteActivity } from "@/hooks/use-site-activity";
import { debounce } from "@/lib/debounce";

// A burst of changes (a pasted batch, a busy minute) is one refetch: after it calms down, or
// every few seconds while it lasts.
const QUIET_MS = 600;
const AT_LEAST_EVERY_MS = 3_000;

/** Re-renders the page's Server Components (cards, charts) when something happens at its sites. */
export function LiveRefresh() {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const refresh = useMemo(() => debounce(() => startTransition(() => router.refresh()), QUIET_MS, AT_LEAST_EVERY_MS), [router]);
  useEffect(() => () => refresh.cancel(), [refresh]);
  useSiteActivity({
    onMessage: () => refresh(),
    onJoined: (resumed) => {
      if (resumed) refresh();
    },
  });
  return null;
}
