import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/dispatch/skeletons";
import { LogTable, type Column } from "@/components/logs/log-table";
import { PageHeader } from "@/components/page-header";
import { NewSiteDialog } from "@/components/sites/new-site-dialog";
import { SiteForm } from "@/components/sites/site-form";
import { SiteMembers } from "@/components/sites/site-members";
import { Badge } from "@/components/ui/badge";
import { isSiteRole } from "@/lib/constants";
import { PAGES, param, type SearchParams } from "@/lib/navigation";
import { listSitesWithMembers, people, siteMembers } from "@/lib/queries/sites";
import type { Viewer } from "@/lib/queries/viewer";
import { requireViewer } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "Sites" };

const personName = (person: { first_name: string | null; last_name: string | null; ops_id: string } | null) =>
  person ? [person.first_name, person.last_name].filter(Boolean).join(" ") || person.ops_id : "Unknown person";

/** The sites the viewer runs: every site for admins, their managed sites for managers. */
async function SitesTable({ viewer, open }: { viewer: Viewer; open: string | undefined }) {
  const supabase = await createClient();
  const managed = new Set(viewer.memberships.filter((membership) => membership.role === "manager").map((membership) => membership.siteId));
  const sites = (await listSitesWithMembers(supabase)).filter((site) => viewer.isAdmin || managed.has(site.id));
  type Site = (typeof sites)[number];
  const columns: Array<Column<Site>> = [
    {
      header: "Code",
      cell: (site) => (
        <Link href={`${PAGES.sites}?open=${site.code}`} className="font-medium underline-offset-4 hover:underline" aria-current={site.code === open ? "true" : undefined}>
          {site.code}
        </Link>
      ),
    },
    { header: "Name", cell: (site) => site.name },
    { header: "Location", cell: (site) => site.location ?? "—" },
    { header: "Region", cell: (site) => site.region ?? "—" },
    { header: "Timezone", cell: (site) => site.timezone },
    { header: "Members", cell: (site) => String(site.members), numeric: true },
    { header: "Status", cell: (site) => <Badge variant={site.is_active ? "secondary" : "outline"}>{site.is_active ? "Active" : "Inactive"}</Badge> },
  ];
  const opened = sites.find((site) => site.code === open);
  return (
    <>
      <LogTable label="Sites" rows={sites} columns={columns} />
      {opened ? <OpenSite site={opened} canEdit={viewer.isAdmin} /> : null}
    </>
  );
}

async function OpenSite({ site, canEdit }: { site: Awaited<ReturnType<typeof listSitesWithMembers>>[number]; canEdit: boolean }) {
  const supabase = await createClient();
  const [members, everyone] = await Promise.all([siteMembers(supabase, site.id), canEdit ? people(supabase) : Promise.resolve([])]);
  return (
    <section aria-label={site.name} className="grid gap-4 rounded-xl border bg-card p-4" data-testid="open-site">
      <div>
        <h2 className="font-medium">
          {site.name} <span className="text-muted-foreground">· {site.code}</span>
        </h2>
        {canEdit ? null : <p className="text-sm text-muted-foreground">Only an admin changes a site or its people; ask one if something here is wrong.</p>}
      </div>
      {canEdit ? <SiteForm key={site.id} site={site} /> : null}
      <SiteMembers
        siteId={site.id}
        siteName={site.name}
        canEdit={canEdit}
        members={members.flatMap((member) => (isSiteRole(member.role) ? [{ userId: member.user_id, role: member.role, name: personName(member.person), opsId: member.person?.ops_id ?? "" }] : []))}
        people={everyone.map((person) => ({ id: person.id, name: personName(person), opsId: person.ops_id }))}
      />
    </section>
  );
}

/** Sites and their people: admins create, change and staff them; managers read their own. */
export default async function SitesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer(PAGES.sites);
  const managesAny = viewer.memberships.some((membership) => membership.role === "manager");
  if (!viewer.isAdmin && !managesAny) notFound();
  const open = param(await searchParams, "open");
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader
        title="Sites"
        description={viewer.isAdmin ? "Where DeskOps is used, and who works where: open a site to change it or its people" : "The sites you manage and their people"}
        actions={viewer.isAdmin ? <NewSiteDialog /> : null}
      />
      <Suspense key={open} fallback={<TableSkeleton />}>
        <SitesTable viewer={viewer} open={open} />
      </Suspense>
    </div>
  );
}
