import type { Metadata } from "next";
import { ReceivedTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { SitePage } from "@/components/site-page";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Received" };

export default function ReceivedPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.received} title="Received" description="material received at the gate, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LogEntry log="received" site={site} title="Log received material" />
          <ReceivedTable siteId={site.id} />
        </>
      )}
    </SitePage>
  );
}
