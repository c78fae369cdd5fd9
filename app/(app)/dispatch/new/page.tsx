import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { DispatchGrid } from "@/components/dispatch/dispatch-grid";
import { EmptyState } from "@/components/empty-state";
import { SitePage } from "@/components/site-page";
import { todayIn } from "@/lib/dates";
import { PAGES, withSite, type SearchParams } from "@/lib/navigation";
import { catalogueNames, lookup } from "@/lib/queries/lookups";
import type { ViewerSite } from "@/lib/queries/viewer";
import { requireViewer } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "New dispatches" };

export default function NewDispatchesPage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <SitePage path={PAGES.newDispatches} title="New dispatches" description="paste a day's sheet, fix what is marked, save" searchParams={searchParams}>
      {(site) => <DispatchEntry site={site} />}
    </SitePage>
  );
}

async function DispatchEntry({ site }: { site: ViewerSite }) {
  if (site.role === "viewer") {
    return (
      <EmptyState icon={Lock} title="You can read this site's dispatches, not add them">
        Ask a manager of {site.name} to make you an operator.
      </EmptyState>
    );
  }
  const supabase = await createClient();
  const [viewer, clusters, processors, materials] = await Promise.all([
    requireViewer(PAGES.newDispatches),
    catalogueNames(supabase, "clusters"),
    catalogueNames(supabase, "processors"),
    lookup(supabase, "materials", {}),
  ]);
  return (
    <DispatchGrid
      siteId={site.id}
      today={todayIn(site.timezone)}
      catalogue={{ clusters, processors, materials }}
      userId={viewer.id}
      listHref={withSite(PAGES.dispatch, site.code)}
    />
  );
}
