// The page of a site log: live, the grid to add rows, the filters, and the rows.
import { LogEntry } from "@/components/logs/log-entry";
import { LogFilterNote } from "@/components/logs/log-filter-note";
import { LogFilters } from "@/components/logs/log-filters";
import type { TableProps } from "@/components/logs/module-tables";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { SitePage } from "@/components/site-page";
import type { LogGridName } from "@/lib/grid/modules";
import { logListFilters, logListUrl } from "@/lib/logs/list-filters";
import type { SearchParams } from "@/lib/navigation";

interface LogListPageProps {
  log: LogGridName;
  path: string;
  title: string;
  description: string;
  /** The heading over the grid: "Log production". */
  entryTitle: string;
  /** Whether the rows have a material to filter by. */
  byMaterial?: boolean;
  Table: (props: TableProps) => Promise<React.ReactNode>;
  searchParams: SearchParams;
}

export async function LogListPage({ log, path, title, description, entryTitle, byMaterial, Table, searchParams }: LogListPageProps) {
  const filters = logListFilters(await searchParams);
  return (
    <SitePage path={path} title={title} description={description} searchParams={searchParams}>
      {(site) => (
        <>
          <LiveRefresh />
          <LogEntry log={log} site={site} title={entryTitle} />
          <LogFilters siteCode={site.code} filters={filters} byMaterial={byMaterial} />
          <LogFilterNote path={path} siteCode={site.code} filters={filters} />
          <Table site={site} filters={filters} urlFor={(next) => logListUrl(path, site.code, next)} />
        </>
      )}
    </SitePage>
  );
}
