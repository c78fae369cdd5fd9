import type { Metadata } from "next";
import { ProductionTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { LogFilterNote } from "@/components/logs/log-filter-note";
import { LogFilters } from "@/components/logs/log-filters";
import { SitePage } from "@/components/site-page";
import { logListFilters, logListUrl } from "@/lib/logs/list-filters";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Production" };

export default async function ProductionPage({ searchParams }: { searchParams: SearchParams }) {
  const filters = logListFilters(await searchParams);
  return (
    <SitePage path={PAGES.production} title="Production" description="tonnes produced, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LiveRefresh />
          <LogEntry log="production" site={site} title="Log production" />
          <LogFilters siteCode={site.code} filters={filters} byMaterial />
          <LogFilterNote path={PAGES.production} siteCode={site.code} filters={filters} />
          <ProductionTable site={site} filters={filters} urlFor={(next) => logListUrl(PAGES.production, site.code, next)} />
        </>
      )}
    </SitePage>
  );
}
