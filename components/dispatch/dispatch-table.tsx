"use client";

import { useReducer, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { ArrowUp, Loader2, SearchX, Truck } from "lucide-react";
import { loadDispatches } from "@/app/actions/load-dispatches";
import { readDispatchRow } from "@/app/actions/read-dispatch-row";
import { readNewestDispatches } from "@/app/actions/read-newest-dispatches";
import { RowMenu, StatusMenu, type DispatchChange } from "@/components/dispatch/dispatch-actions";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { useRealtime, type ChangePayload } from "@/hooks/use-realtime";
import { dispatchPageUrl, matchesFilters, type DispatchPageFilters } from "@/lib/dispatch/filter-links";
import { creatorName, dispatchName } from "@/lib/dispatch/labels";
import { initialListState, listReducer, visibleRows, waitingCount, type ListEvent, type ListState } from "@/lib/dispatch/list-state";
import { formatDay, formatTonnes } from "@/lib/format";
import type { DispatchListRow } from "@/lib/queries/dispatch";
import type { Actor } from "@/lib/roles";
import { cn } from "@/lib/utils";

interface DispatchTableProps {
  rows: DispatchListRow[];
  nextCursor: string | null;
  filters: DispatchPageFilters;
  site: { id: string; code: string } | null;
  /** Site codes by id, for the Site column of "All sites". */
  siteCodes: Record<string, string>;
  actor: Actor;
  filtered: boolean;
}

// Scrolled further than this from the top, a new row waits behind the pill instead of jumping in.
const TOP_SLACK_PX = 160;

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The change a live UPDATE brings to a row the list shows. */
function changeOf(payload: Record<string, unknown>): DispatchChange {
  const change: DispatchChange = {};
  if (text(payload.status)) change.status = text(payload.status);
  if ("remarks" in payload) change.remarks = text(payload.remarks) ?? null;
  if (text(payload.updated_at)) change.updated_at = text(payload.updated_at);
  return change;
}

export function DispatchTable({ rows: serverRows, nextCursor, filters, site, siteCodes, actor, filtered }: DispatchTableProps) {
  const router = useRouter();
  const pathname = usePathname();
  const feedback = useActionFeedback();
  const [state, dispatch] = useReducer<ListState<DispatchListRow>, [ListEvent<DispatchListRow>]>(listReducer, initialListState<DispatchListRow>(nextCursor));
  const [loading, startLoading] = useTransition();
  const [, startRefreshing] = useTransition();
  const rows = visibleRows(state, serverRows);
  const waiting = waitingCount(state, serverRows);
  const showSite = site === null;

  const open = (id: string) => router.push(dispatchPageUrl(pathname, site?.code, filters, { row: id }), { scroll: false });
  const changed = (id: string, change: DispatchChange) => dispatch({ type: "patched", id, patch: change });
  const removed = (id: string) => dispatch({ type: "removed", id });

  useRealtime({
    topic: "dispatch-list",
    changes: [{ event: "*", table: "dispatches", ...(site ? { filter: `site_id=eq.${site.id}` } : {}) }],
    onChange: (payload: ChangePayload) => void onLiveChange(payload),
    // A row saved between the server's render and the first join came by no message: the first
    // page is read again and what is new joins the list. (Not router.refresh: a refresh still in
    // flight when the user picks a filter can land after it and undo the filter's navigation.)
    // After a lost connection, anything may have changed: the server renders the list again.
    onJoined: (resumed) => (resumed ? startRefreshing(() => router.refresh()) : void catchUp()),
  });

  async function catchUp() {
    const result = await readNewestDispatches({ filters, siteId: site?.id ?? null });
    if (!result.success) return;
    const shown = new Set(rows.map((row) => row.id));
    const atTop = window.scrollY < TOP_SLACK_PX;
    // Oldest first, so the newest ends on top.
    for (const row of [...result.rows].reverse()) if (!shown.has(row.id)) dispatch({ type: "arrived", row, atTop });
  }

  async function onLiveChange(payload: ChangePayload) {
    if (payload.eventType === "DELETE") {
      const id = text(payload.old.id);
      if (id) removed(id);
      return;
    }
    const id = text(payload.new.id);
    if (!id) return;
    if (payload.eventType === "UPDATE") return changed(id, changeOf(payload.new));
    const candidate = { site_id: text(payload.new.site_id) ?? "", status: text(payload.new.status) ?? "", region: text(payload.new.region) ?? null, cluster: text(payload.new.cluster) ?? null, processor: text(payload.new.processor) ?? null, dispatch_date: text(payload.new.dispatch_date) ?? "" };
    if (!matchesFilters(candidate, filters, site?.id ?? null)) return;
    const result = await readDispatchRow(id);
    if (result.success) dispatch({ type: "arrived", row: result.row, atTop: window.scrollY < TOP_SLACK_PX });
  }

  const loadMore = () =>
    startLoading(async () => {
      if (!state.cursor) return;
      const result = await loadDispatches({ filters, siteId: site?.id ?? null, cursor: state.cursor });
      if (feedback(result)) dispatch({ type: "loaded", rows: result.rows, cursor: result.nextCursor });
    });

  if (rows.length === 0) {
    return filtered ? (
      <EmptyState icon={SearchX} title="No dispatches match these filters">
        Widen the dates or clear a filter. New dispatches that match appear here as they are created.
      </EmptyState>
    ) : (
      <EmptyState icon={Truck} title="No dispatches yet">
        Dispatches created at {site ? "this site" : "your sites"} appear here the moment they are saved, by anyone.
      </EmptyState>
    );
  }

  return (
    <div className="relative grid grid-cols-1 gap-3">
      {waiting > 0 ? (
        <div className="sticky top-16 z-20 flex justify-center">
          <Button
            size="sm"
            className="rounded-full shadow-md"
            data-testid="new-rows-pill"
            onClick={() => {
              dispatch({ type: "showWaiting" });
              window.scrollTo({ top: 0, behavior: "smooth" });
            }}
          >
            <ArrowUp aria-hidden />
            {waiting === 1 ? "1 new dispatch" : `${waiting} new dispatches`}
          </Button>
        </div>
      ) : null}
      <div className="rounded-xl border bg-card">
        <Table aria-label="Dispatches" data-testid="dispatch-table">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-4">Date</TableHead>
              {showSite ? <TableHead>Site</TableHead> : null}
              <TableHead>LH trip</TableHead>
              <TableHead>Plate</TableHead>
              <TableHead>Route</TableHead>
              <TableHead className="hidden 2xl:table-cell">Station · dock</TableHead>
              <TableHead className="hidden xl:table-cell">Region</TableHead>
              <TableHead className="text-right">Tonnes</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden xl:table-cell">Created by</TableHead>
              <TableHead className="w-10 pr-4">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow
                key={row.id}
                data-testid="dispatch-row"
                data-id={row.id}
                data-status={row.status}
                className={cn("cursor-pointer", state.fresh.some((fresh) => fresh.id === row.id) && "bg-primary/5")}
                onClick={() => open(row.id)}
              >
                <TableCell className="tabular pl-4">{formatDay(row.dispatch_date)}</TableCell>
                {showSite ? <TableCell className="text-xs font-medium">{siteCodes[row.site_id] ?? "—"}</TableCell> : null}
                <TableCell>
                  <button
                    type="button"
                    className="font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                    onClick={(event) => {
                      event.stopPropagation();
                      open(row.id);
                    }}
                    aria-label={`Open ${dispatchName(row)}`}
                  >
                    {row.lh_trip ?? "—"}
                  </button>
                </TableCell>
                <TableCell className="tabular">{row.plate_number ?? "—"}</TableCell>
                <TableCell className="max-w-44 xl:max-w-72">
                  <span className="block truncate" title={`${row.cluster} → ${row.processor}`}>
                    {row.cluster} <span className="text-muted-foreground">→</span> {row.processor}
                  </span>
                </TableCell>
                <TableCell className="hidden text-muted-foreground 2xl:table-cell">
                  {row.station}
                  {row.dock_number ? ` · ${row.dock_number}` : ""}
                </TableCell>
                <TableCell className="hidden text-muted-foreground xl:table-cell">{row.region}</TableCell>
                <TableCell className="tabular text-right">{row.qty_ton === null ? "—" : formatTonnes(Number(row.qty_ton))}</TableCell>
                <TableCell onClick={(event) => event.stopPropagation()}>
                  <StatusMenu row={row} actor={actor} onChanged={changed} />
                </TableCell>
                <TableCell className="hidden text-muted-foreground xl:table-cell">{creatorName(row.users)}</TableCell>
                <TableCell className="pr-4" onClick={(event) => event.stopPropagation()}>
                  <RowMenu row={row} actor={actor} onOpen={() => open(row.id)} onDeleted={removed} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="flex justify-center py-2">
        {state.cursor ? (
          <Button variant="outline" onClick={loadMore} disabled={loading} data-testid="load-more">
            {loading ? <Loader2 className="animate-spin" aria-hidden /> : null}
            Load more
          </Button>
        ) : (
          <p className="text-sm text-muted-foreground">That is every dispatch{filtered ? " these filters match" : ""}.</p>
        )}
      </div>
    </div>
  );
}
