import type { Metadata } from "next";
import { ManpowerTable } from "@/components/logs/module-tables";
import { SitePage } from "@/components/site-page";
import { PAGES, type SearchParams } from "@/lib/navigation";

export const metadata: Metadata = { title: "Manpower" };

export default function ManpowerPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.manpower} title="Manpower" description="crews per role and shift, newest first" searchParams={searchParams}>
      {(site) => <ManpowerTable siteId={site.id} />}
    </SitePage>
  );
}
