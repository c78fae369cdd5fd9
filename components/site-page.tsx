// The frame of a page about one site: its header, the site in view, and what to do when there is
// none (a person on no site, or an admin looking at all sites on a page that needs one).
import Link from "next/link";
import { Suspense } from "react";
import { MapPin } from "lucide-react";
import { TableSkeleton } from "@/components/dispatch/skeletons";
import { EmptyState } from "@/components/empty-state";
import { NoSites } from "@/components/no-sites";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { param, withSite, type SearchParams } from "@/lib/navigation";
import type { ViewerSite } from "@/lib/queries/viewer";
import { requireViewer, siteOf } from "@/lib/session";

interface SitePageProps {
  path: string;
  title: string;
  description: string;
  searchParams: SearchParams;
  /** A note under the header: what this page will offer, if it is still read-only. */
  note?: React.ReactNode;
  children: (site: ViewerSite) => React.ReactNode;
}

export async function SitePage({ path, title, description, searchParams, note, children }: SitePageProps) {
  const viewer = await requireViewer(path);
  const site = siteOf(viewer, param(await searchParams, "site"));
  if (!site && !viewer.isAdmin) return <NoSites />;
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader title={title} description={site ? `${site.name} · ${description}` : description} />
      {note}
      {site ? (
        <Suspense key={site.id} fallback={<TableSkeleton />}>
          {children(site)}
        </Suspense>
      ) : (
        <EmptyState icon={MapPin} title="Pick a site" action={<SiteLinks path={path} sites={viewer.sites} />}>
          This page shows one site at a time.
        </EmptyState>
      )}
    </div>
  );
}

function SiteLinks({ path, sites }: { path: string; sites: readonly ViewerSite[] }) {
  return (
    <div className="flex flex-wrap justify-center gap-2">
      {sites.map((site) => (
        <Button key={site.id} variant="outline" size="sm" asChild>
          <Link href={withSite(path, site.code)}>{site.name}</Link>
        </Button>
      ))}
    </div>
  );
}
