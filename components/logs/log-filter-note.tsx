// Above a log's table when it is filtered (a link from the inventory page, or an older page): what
// is shown, and the way back to every row.
import Link from "next/link";
import { Filter } from "lucide-react";
import { formatDay } from "@/lib/format";
import { logListUrl, type LogListFilters } from "@/lib/logs/list-filters";
import { lookup } from "@/lib/queries/lookups";
import { createClient } from "@/lib/supabase/server";

export async function LogFilterNote({ path, siteCode, filters }: { path: string; siteCode: string; filters: LogListFilters }) {
  if (!filters.from && !filters.to && !filters.materialId) return null;
  const materials = filters.materialId ? await lookup(await createClient(), "materials", {}) : [];
  const material = materials.find((entry) => entry.id === filters.materialId)?.name;
  const days = filters.from && filters.to ? (filters.from === filters.to ? `on ${formatDay(filters.from, true)}` : `from ${formatDay(filters.from, true)} to ${formatDay(filters.to, true)}`) : filters.from ? `from ${formatDay(filters.from, true)}` : filters.to ? `up to ${formatDay(filters.to, true)}` : "";
  return (
    <p className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/40 px-3 py-2 text-sm" data-testid="log-filter-note">
      <Filter className="size-4 text-muted-foreground" aria-hidden />
      <span>
        Showing {material ? <span className="font-medium">{material}</span> : "rows"} {days}.
      </span>
      <Link href={logListUrl(path, siteCode, { page: 0 })} className="font-medium underline underline-offset-4">
        Show every row
      </Link>
    </p>
  );
}
