import type { Metadata } from "next";
import { Suspense } from "react";
import { KpiCards } from "@/components/dashboard/kpi-cards";
import { MetricCards } from "@/components/dashboard/metric-cards";
import { DispatchStatusSection, FeedSection, TonnesSection } from "@/components/dashboard/sections";
import { SitesToday } from "@/components/dashboard/sites-today";
import { ChartSkeleton, FeedSkeleton, StatCardsSkeleton } from "@/components/dashboard/skeletons";
import { NoSites } from "@/components/no-sites";
import { PageHeader } from "@/components/page-header";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { todayIn } from "@/lib/dates";
import { formatDay } from "@/lib/format";
import { PAGES, param, type SearchParams } from "@/lib/navigation";
import { requireViewer, siteOf } from "@/lib/session";
import { siteScope } from "@/lib/site-selection";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer(PAGES.dashboard);
  const site = siteOf(viewer, param(await searchParams, "site"));
  if (!site && !viewer.isAdmin) return <NoSites />;
  const sitesInView = site ? [site] : viewer.sites;
  const siteIds = sitesInView.map((candidate) => candidate.id);
  // The latest calendar day any site in view has reached.
  const today = sitesInView.map((candidate) => todayIn(candidate.timezone)).sort().at(-1) ?? todayIn("UTC");

  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-6">
      <LiveRefresh />
      <PageHeader title="Dashboard" description={`${site ? site.name : `All ${viewer.sites.length} sites`} · ${formatDay(today, true)}`} />
      <Suspense fallback={<StatCardsSkeleton count={4} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" />}>
        <KpiCards siteIds={siteScope(site)} />
      </Suspense>
      {site ? (
        <Suspense fallback={<StatCardsSkeleton count={6} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6" />}>
          <MetricCards siteId={site.id} timezone={site.timezone} />
        </Suspense>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Sites today</CardTitle>
            <CardDescription>Each site&apos;s own day; open one for its details.</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<Skeleton className="h-40 w-full" />}>
              <SitesToday sites={viewer.sites} />
            </Suspense>
          </CardContent>
        </Card>
      )}
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="grid min-w-0 content-start gap-6 xl:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Tonnes per day</CardTitle>
              <CardDescription>Produced, received and dispatched over the last 30 days</CardDescription>
            </CardHeader>
            <CardContent>
              <Suspense fallback={<ChartSkeleton />}>
                <TonnesSection siteIds={siteIds} today={today} />
              </Suspense>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Dispatches per day</CardTitle>
              <CardDescription>Created each day over the last 30 days, by status now</CardDescription>
            </CardHeader>
            <CardContent>
              <Suspense fallback={<ChartSkeleton />}>
                <DispatchStatusSection siteIds={siteIds} today={today} />
              </Suspense>
            </CardContent>
          </Card>
        </div>
        <Card className="min-w-0 self-start">
          <CardHeader>
            <CardTitle>Recent Activity</CardTitle>
            <CardDescription>The latest changes, as they happen</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<FeedSkeleton />}>
              <FeedSection siteIds={siteScope(site)} showSite={!site} />
            </Suspense>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

