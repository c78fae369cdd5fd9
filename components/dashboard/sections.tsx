// The dashboard's data-bound parts, each a Server Component that reads through lib/queries and
// streams in behind its own skeleton.
import { ActivityFeed } from "@/components/dashboard/activity-feed";
import { DispatchStatusChart, TonnesChart } from "@/components/dashboard/lazy-charts";
import { FEED_LENGTH } from "@/lib/activity/feed";
import { addDays } from "@/lib/dates";
import { recentActivity } from "@/lib/queries/activity";
import { dispatchesPerDay, tonnesPerDay } from "@/lib/queries/dashboards";
import { createClient } from "@/lib/supabase/server";

export const CHART_DAYS = 30;

export async function TonnesSection({ siteIds, today }: { siteIds: string[]; today: string }) {
  const data = await tonnesPerDay(await createClient(), siteIds, addDays(today, 1 - CHART_DAYS), today);
  return <TonnesChart data={data} />;
}

export async function DispatchStatusSection({ siteIds, today }: { siteIds: string[]; today: string }) {
  const data = await dispatchesPerDay(await createClient(), siteIds, addDays(today, 1 - CHART_DAYS), today);
  return <DispatchStatusChart data={data} />;
}

export async function FeedSection({ siteIds, showSite }: { siteIds: string[] | null; showSite: boolean }) {
  const initial = await recentActivity(await createClient(), siteIds, undefined, FEED_LENGTH);
  return <ActivityFeed initial={initial} siteIds={siteIds} showSite={showSite} />;
}
