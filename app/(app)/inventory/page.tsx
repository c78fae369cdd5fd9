import type { Metadata } from "next";
import { InventoryTable } from "@/components/logs/module-tables";
import { SitePage } from "@/components/site-page";
import { todayIn } from "@/lib/dates";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Inventory" };

export default function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.inventory} title="Inventory" description="today's stock ledger per material" searchParams={searchParams}>
      {(site) => <InventoryTable siteId={site.id} day={todayIn(site.timezone)} />}
    </SitePage>
  );
}
