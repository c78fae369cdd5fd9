"use client";

// The dispatch grid: the generic grid with the dispatch module, saving through the bulk action and
// checking for likely duplicates against the site's saved trips.
import { useCallback, useMemo } from "react";
import { readDispatchTrips } from "@/app/actions/read-dispatch-trips";
import { saveDispatchRows } from "@/app/actions/save-dispatch-rows";
import { DataGrid } from "@/components/grid/data-grid";
import { dispatchKey } from "@/lib/grid/duplicates";
import { dispatchGrid } from "@/lib/grid/modules";
import type { Catalogue } from "@/lib/grid/validate";

interface DispatchGridProps {
  siteId: string;
  today: string;
  catalogue: Catalogue;
  userId: string;
  listHref: string;
}

const NOUN = { one: "dispatch", many: "dispatches" };

export function DispatchGrid({ siteId, today, catalogue, userId, listHref }: DispatchGridProps) {
  const context = useMemo(() => ({ siteId, today, catalogue }), [siteId, today, catalogue]);
  const readSaved = useCallback(
    async (days: string[]) => {
      const result = await readDispatchTrips({ siteId, days });
      if (!result.success) return [];
      return result.trips.flatMap((trip) => dispatchKey(trip.dispatch_date, trip.plate_number, trip.lh_trip) ?? []);
    },
    [siteId],
  );
  return <DataGrid module={dispatchGrid} context={context} userId={userId} save={saveDispatchRows} readSaved={readSaved} listHref={listHref} noun={NOUN} />;
}
