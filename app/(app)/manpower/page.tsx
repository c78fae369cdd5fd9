import type { Metadata } from "next";
import { ManpowerTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { SitePage } from "@/components/site-page";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Manpower" };

export default function ManpowerPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.manpower} title="Manpower" description="crews per role and shift, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LogEntry log="manpower" site={site} title="Log crews" />
          <ManpowerTable siteId={site.id} />
        </>
      )}
    </SitePage>
  );
}
