import type { Metadata } from "next";
import { ReceivedTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { LogFilterNote } from "@/components/logs/log-filter-note";
import { LogFilters } from "@/components/logs/log-filters";
import { SitePage } from "@/components/site-page";
import { logListFilters, logListUrl } from "@/lib/logs/list-filters";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Received" };

export default async function ReceivedPage({ searchParams }: { searchParams: SearchParams }) {
  const filters = logListFilters(await searchParams);
  return (
    <SitePage path={PAGES.received} title="Received" description="material received at the gate, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LiveRefresh />
          <LogEntry log="received" site={site} title="Log received material" />
          <LogFilters siteCode={site.code} filters={filters} byMaterial />
          <LogFilterNote path={PAGES.received} siteCode={site.code} filters={filters} />
          <ReceivedTable site={site} filters={filters} urlFor={(next) => logListUrl(PAGES.received, site.code, next)} />
        </>
      )}
    </SitePage>
  );
}
