import type { Metadata } from "next";
import { LogListPage } from "@/components/logs/log-list-page";
import { ReceivedTable } from "@/components/logs/module-tables";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Received" };

export default function ReceivedPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <LogListPage
      log="received"
      path={PAGES.received}
      title="Received"
      description="material received at the gate, newest first"
      entryTitle="Log received material"
      byMaterial
      Table={ReceivedTable}
      searchParams={searchParams}
    />
  );
}
