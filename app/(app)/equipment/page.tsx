import type { Metadata } from "next";
import { EquipmentTable } from "@/components/logs/module-tables";
import { LogEntry } from "@/components/logs/log-entry";
import { SitePage } from "@/components/site-page";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Equipment" };

export default function EquipmentPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.equipment} title="Equipment" description="machine hours, downtime and fuel, newest first" searchParams={searchParams}>
      {(site) => (
        <>
          <LogEntry log="equipment" site={site} title="Log machine hours" />
          <EquipmentTable siteId={site.id} />
        </>
      )}
    </SitePage>
  );
}
