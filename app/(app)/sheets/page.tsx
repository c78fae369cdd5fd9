import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Sheet } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { PAGES } from "@/lib/navigation";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Sheets sync" };

export default async function SheetsPage() {
  const viewer = await requireViewer(PAGES.sheets);
  if (!viewer.isAdmin && !viewer.sites.some((site) => site.role === "manager")) notFound();
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader title="Sheets sync" description="Every dispatch, mirrored to a Google Sheet" />
      <EmptyState icon={Sheet} title="The mirror is not connected yet">
        Every dispatch change is already queued for the Google Sheet. Once the sheet&apos;s web app is connected, this page shows what was delivered, what waits and what failed.
      </EmptyState>
    </div>
  );
}
