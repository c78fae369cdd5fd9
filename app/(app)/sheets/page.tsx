import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/page-header";
import { SheetsSync } from "@/components/sheets/sheets-sync";
import { Skeleton } from "@/components/ui/skeleton";
import { PAGES } from "@/lib/navigation";
import { sheetsSyncStatus } from "@/lib/queries/sheets";
import { requireViewer } from "@/lib/session";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "Sheets sync" };

async function Status() {
  const supabase = await createClient();
  return <SheetsSync initialStatus={await sheetsSyncStatus(supabase)} />;
}

function StatusSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading the Sheets sync">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, index) => <Skeleton key={index} className="h-28 rounded-xl" />)}
      </div>
      <Skeleton className="h-36 rounded-xl" />
    </div>
  );
}

export default async function SheetsPage() {
  const viewer = await requireViewer(PAGES.sheets);
  if (!viewer.isAdmin && !viewer.sites.some((site) => site.role === "manager")) notFound();
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader title="Sheets sync" description="Every dispatch change, mirrored to the Google Sheet once and in order; status and remarks edits flow back" />
      <Suspense fallback={<StatusSkeleton />}>
        <Status />
      </Suspense>
    </div>
  );
}
