import type { Metadata } from "next";
import { ProductionTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { SitePage } from "@/components/site-page";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Production" };

export default function ProductionPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.production} title="Production" description="tonnes produced, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LogEntry log="production" site={site} title="Log production" />
          <ProductionTable siteId={site.id} />
        </>
      )}
    </SitePage>
  );
}
