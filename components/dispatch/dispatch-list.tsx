// The list's data: the first page of rows (server-rendered) and, streamed beside it, how many
// rows the filters match.
import { DispatchTable } from "@/components/dispatch/dispatch-table";
import { activeFilterCount } from "@/lib/dispatch/filter-links";
import { queryFilters, type DispatchPageFilters } from "@/lib/dispatch/filters";
import { formatCount } from "@/lib/format";
import { countDispatches, listDispatches } from "@/lib/queries/dispatch";
import type { Actor } from "@/lib/roles";
import { createClient } from "@/lib/supabase/server";

interface ListProps {
  filters: DispatchPageFilters;
  site: { id: string; code: string } | null;
  siteCodes: Record<string, string>;
  actor: Actor;
}

export async function DispatchList({ filters, site, siteCodes, actor }: ListProps) {
  const { rows, nextCursor } = await listDispatches(await createClient(), queryFilters(filters, site?.id ?? null));
  return <DispatchTable rows={rows} nextCursor={nextCursor} filters={filters} site={site} siteCodes={siteCodes} actor={actor} filtered={activeFilterCount(filters) > 0} />;
}

export async function DispatchCount({ filters, siteId }: { filters: DispatchPageFilters; siteId: string | null }) {
  const count = await countDispatches(await createClient(), queryFilters(filters, siteId));
  const noun = count === 1 ? "dispatch" : "dispatches";
  return (
    <span data-testid="dispatch-count" data-count={count}>
      {formatCount(count)} {noun}
      {activeFilterCount(filters) > 0 ? " match" : ""}
    </span>
  );
}
