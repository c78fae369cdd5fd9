import type { Metadata } from "next";
import { LogListPage } from "@/components/logs/log-list-page";
import { ManpowerTable } from "@/components/logs/module-tables";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Manpower" };

export default function ManpowerPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <LogListPage
      log="manpower"
      path={PAGES.manpower}
      title="Manpower"
      description="crews per role and shift, newest first"
      entryTitle="Log crews"
      Table={ManpowerTable}
      searchParams={searchParams}
    />
  );
}
