import type { Metadata } from "next";
import { EquipmentTable } from "@/components/logs/module-tables";
import { SitePage } from "@/components/site-page";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Equipment" };

export default function EquipmentPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.equipment} title="Equipment" description="machine hours, downtime and fuel, newest first" searchParams={searchParams}>
      {(site) => <EquipmentTable siteId={site.id} />}
    </SitePage>
  );
}
