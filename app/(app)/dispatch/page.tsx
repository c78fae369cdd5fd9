import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { ClipboardPaste, Download } from "lucide-react";
import { DispatchDetails } from "@/components/dispatch/dispatch-details";
import { DispatchFilters } from "@/components/dispatch/dispatch-filters";
import { DispatchCount, DispatchList } from "@/components/dispatch/dispatch-list";
import { DispatchPanel } from "@/components/dispatch/dispatch-panel";
import { DetailsSkeleton, TableSkeleton } from "@/components/dispatch/skeletons";
import { NoSites } from "@/components/no-sites";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { exportUrl } from "@/lib/dispatch/filter-links";
import { filtersFromParams } from "@/lib/dispatch/filters";
import { PAGES, param, withSite, type SearchParams } from "@/lib/navigation";
import { regions } from "@/lib/queries/lookups";
import { requireViewer, siteOf } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";
import { idParamsSchema } from "@/lib/validations/params";

export const metadata: Metadata = { title: "Dispatch" };

export default async function DispatchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const viewer = await requireViewer(PAGES.dispatch);
  const site = siteOf(viewer, param(params, "site"));
  if (!site && !viewer.isAdmin) return <NoSites />;
  const filters = filtersFromParams(params);
  const openRow = idParamsSchema.safeParse({ id: param(params, "row") });
  const regionList = await regions(await createClient());
  const actor = { id: viewer.id, isAdmin: viewer.isAdmin, memberships: viewer.memberships };
  const siteCodes = Object.fromEntries(viewer.sites.map((candidate) => [candidate.id, candidate.code]));
  const siteTimezones = Object.fromEntries(viewer.sites.map((candidate) => [candidate.id, candidate.timezone]));
  const scope = site ? { id: site.id, code: site.code } : null;

  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader
        title="Dispatch"
        description={
          <>
            {site ? site.name : "All sites"} ·{" "}
            <Suspense key={JSON.stringify(filters)} fallback={<Skeleton className="inline-block h-4 w-24 align-middle" />}>
              <DispatchCount filters={filters} siteId={site?.id ?? null} />
            </Suspense>
          </>
        }
        actions={
          <>
            <Button variant="outline" asChild>
              <a href={exportUrl(filters, site?.id ?? null)} download data-testid="export-csv">
                <Download aria-hidden />
                Export CSV
              </a>
            </Button>
            {site && site.role !== "viewer" ? (
              <Button asChild>
                <Link href={withSite(PAGES.newDispatches, site.code)}>
                  <ClipboardPaste aria-hidden />
                  New dispatches
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <DispatchFilters filters={filters} regions={regionList} siteCode={site?.code ?? null} />
      <Suspense key={JSON.stringify([filters, site?.id])} fallback={<TableSkeleton />}>
        <DispatchList filters={filters} site={scope} siteCodes={siteCodes} actor={actor} />
      </Suspense>
      {openRow.success ? (
        <DispatchPanel>
          <Suspense key={openRow.data.id} fallback={<DetailsSkeleton />}>
            <DispatchDetails id={openRow.data.id} actor={actor} siteTimezones={siteTimezones} />
          </Suspense>
        </DispatchPanel>
      ) : null}
    </div>
  );
}
