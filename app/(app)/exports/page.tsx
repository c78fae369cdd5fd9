import type { Metadata } from "next";
import { Suspense } from "react";
import { TableSkeleton } from "@/components/dispatch/skeletons";
import { ExportJobs } from "@/components/exports/export-jobs";
import { PageHeader } from "@/components/page-header";
import { PAGES, param, type SearchParams } from "@/lib/navigation";
import { listExportJobs } from "@/lib/queries/exports";
import type { Viewer } from "@/lib/queries/viewer";
import { requireViewer, siteOf } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "Exports" };

async function Jobs({ viewer, siteId }: { viewer: Viewer; siteId: string | null }) {
  const supabase = await createClient();
  const jobs = await listExportJobs(supabase, viewer.id);
  const sites = viewer.sites.map((site) => ({ id: site.id, code: site.code, name: site.name }));
  return <ExportJobs initialJobs={jobs} sites={sites} siteId={siteId} />;
}

export default async function ExportsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer(PAGES.exports);
  const site = siteOf(viewer, param(await searchParams, "site"));
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader title="Exports" description="Reports of any module as CSV, XLSX or PDF, made in the background" />
      <Suspense fallback={<TableSkeleton />}>
        <Jobs viewer={viewer} siteId={site?.id ?? null} />
      </Suspense>
    </div>
  );
}
