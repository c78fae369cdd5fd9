import type { Metadata } from "next";
import { ManpowerTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { LogFilterNote } from "@/components/logs/log-filter-note";
import { LogFilters } from "@/components/logs/log-filters";
import { SitePage } from "@/components/site-page";
import { logListFilters, logListUrl } from "@/lib/logs/list-filters";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Manpower" };

export default async function ManpowerPage({ searchParams }: { searchParams: SearchParams }) {
  const filters = logListFilters(await searchParams);
  return (
    <SitePage path={PAGES.manpower} title="Manpower" description="crews per role and shift, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LiveRefresh />
          <LogEntry log="manpower" site={site} title="Log crews" />
          <LogFilters siteCode={site.code} filters={filters} />
          <LogFilterNote path={PAGES.manpower} siteCode={site.code} filters={filters} />
          <ManpowerTable site={site} filters={filters} urlFor={(next) => logListUrl(PAGES.manpower, site.code, next)} />
        </>
      )}
    </SitePage>
  );
}
