import type { Metadata } from "next";
import { EquipmentTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { LogFilterNote } from "@/components/logs/log-filter-note";
import { LogFilters } from "@/components/logs/log-filters";
import { SitePage } from "@/components/site-page";
import { logListFilters, logListUrl } from "@/lib/logs/list-filters";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Equipment" };

export default async function EquipmentPage({ searchParams }: { searchParams: SearchParams }) {
  const filters = logListFilters(await searchParams);
  return (
    <SitePage path={PAGES.equipment} title="Equipment" description="machine hours, downtime and fuel, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LiveRefresh />
          <LogEntry log="equipment" site={site} title="Log machine hours" />
          <LogFilters siteCode={site.code} filters={filters} />
          <LogFilterNote path={PAGES.equipment} siteCode={site.code} filters={filters} />
          <EquipmentTable site={site} filters={filters} urlFor={(next) => logListUrl(PAGES.equipment, site.code, next)} />
        </>
      )}
    </SitePage>
  );
}
