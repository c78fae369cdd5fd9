import type { Metadata } from "next";
import { LogListPage } from "@/components/logs/log-list-page";
import { EquipmentTable } from "@/components/logs/module-tables";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Equipment" };

export default function EquipmentPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <LogListPage
      log="equipment"
      path={PAGES.equipment}
      title="Equipment"
      description="machine hours, downtime and fuel, newest first"
      entryTitle="Log machine hours"
      Table={EquipmentTable}
      searchParams={searchParams}
    />
  );
}
