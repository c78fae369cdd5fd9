import type { Metadata } from "next";
import Link from "next/link";
import { FileDown } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { PAGES } from "@/lib/navigation";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  await requireViewer(PAGES.exports);
  return (
    <div className="mx-auto grid max-w-screen-2xl grid-cols-1 gap-4">
      <PageHeader title="Exports" description="Reports of any module as CSV, XLSX or PDF" />
      <EmptyState
        icon={FileDown}
        title="No reports yet"
        action={
          <Button variant="outline" asChild>
            <Link href={PAGES.dispatch}>Go to Dispatch</Link>
          </Button>
        }
      >
        Reports made in the background, with their progress here, are on their way. Today the Dispatch page exports any filtered list as CSV.
      </EmptyState>
    </div>
  );
}
