import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/dispatch/skeletons";
import { LogTable, type Column } from "@/components/logs/log-table";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { PAGES } from "@/lib/navigation";
import { listSitesWithMembers } from "@/lib/queries/sites";
import { requireViewer } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "Sites" };

async function SitesTable() {
  const sites = await listSitesWithMembers(await createClient());
  type Site = (typeof sites)[number];
  const columns: Array<Column<Site>> = [
    { header: "Code", cell: (site) => <span className="font-medium">{site.code}</span> },
    { header: "Name", cell: (site) => site.name },
    { header: "Location", cell: (site) => site.location ?? "—" },
    { header: "Region", cell: (site) => site.region ?? "—" },
    { header: "Timezone", cell: (site) => site.timezone },
    { header: "Members", cell: (site) => String(site.members), numeric: true },
    { header: "Status", cell: (site) => <Badge variant={site.is_active ? "secondary" : "outline"}>{site.is_active ? "Active" : "Inactive"}</Badge> },
  ];
  return <LogTable label="Sites" rows={sites} columns={columns} />;
}

/** Every site and how many people work there (admins). */
export default async function SitesPage() {
  const viewer = await requireViewer(PAGES.sites);
  if (!viewer.isAdmin) notFound();
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader title="Sites" description="Where DeskOps is used, and by how many people" />
      <Suspense fallback={<TableSkeleton />}>
        <SitesTable />
      </Suspense>
    </div>
  );
}
