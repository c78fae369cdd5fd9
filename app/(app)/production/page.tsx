import type { Metadata } from "next";
import { LogListPage } from "@/components/logs/log-list-page";
import { ProductionTable } from "@/components/logs/module-tables";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Production" };

export default function ProductionPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <LogListPage
      log="production"
      path={PAGES.production}
      title="Production"
      description="tonnes produced, newest first"
      entryTitle="Log production"
      byMaterial
      Table={ProductionTable}
      searchParams={searchParams}
    />
  );
}
