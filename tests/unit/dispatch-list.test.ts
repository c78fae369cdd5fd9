// The dispatch page's pure parts: its filters from the URL and back, and the list it holds
// between server renders.
import { describe, expect, it } from "vitest";
import { dispatchPageUrl, exportUrl, matchesFilters } from "@/lib/dispatch/filter-links";
import { filtersFromParams, queryFilters } from "@/lib/dispatch/filters";
import { initialListState, listReducer, visibleRows, waitingCount, type ListEvent, type ListState } from "@/lib/dispatch/list-state";

describe("dispatch filters", () => {
  it("reads the URL's filters, drops what it cannot read, and swaps reversed dates", () => {
    expect(filtersFromParams({ status: "ongoing", region: " NCR ", cluster: "", dateFrom: "2026-11-30", dateTo: "2026-11-01", extra: "x" })).toEqual({
      status: "ongoing",
      region: "NCR",
      cluster: undefined,
      processor: undefined,
      dateFrom: "2026-11-01",
      dateTo: "2026-11-30",
    });
    expect(filtersFromParams({ status: "lost", dateFrom: "2026-02-30", processor: ["Taguig", "Pasig"] })).toMatchObject({ status: undefined, dateFrom: undefined, processor: "Taguig" });
  });

  it("writes them back into the page's URL, the export link and the list query", () => {
    const filters = filtersFromParams({ status: "completed", cluster: "Pasig A" });
    expect(dispatchPageUrl("/dispatch", "QC-CDW", filters, { row: "r1" })).toBe("/dispatch?site=QC-CDW&status=completed&cluster=Pasig+A&row=r1");
    expect(dispatchPageUrl("/dispatch", null, {})).toBe("/dispatch");
    const siteId = "5e000000-0000-4000-8000-000000000002";
    expect(exportUrl(filters, siteId)).toBe(`/api/dispatch?siteId=${siteId}&status=completed&cluster=Pasig+A&export=csv`);
    expect(queryFilters(filters, null)).toEqual({ ...filters, limit: 50 });
  });

  it("tells whether a row that arrived live belongs in the filtered list", () => {
    const row = { site_id: "s1", status: "pending", region: "NCR", cluster: "Pasig Cluster A", processor: "Taguig Sort Center", dispatch_date: "2026-11-22" };
    expect(matchesFilters(row, {}, null)).toBe(true);
    expect(matchesFilters(row, { cluster: "pasig", processor: "SORT" }, "s1")).toBe(true);
    expect(matchesFilters(row, {}, "s2")).toBe(false);
    expect(matchesFilters(row, { status: "ongoing" }, null)).toBe(false);
    expect(matchesFilters(row, { region: "North Luzon" }, null)).toBe(false);
    expect(matchesFilters(row, { dateFrom: "2026-11-23" }, null)).toBe(false);
    expect(matchesFilters(row, { dateTo: "2026-11-21" }, null)).toBe(false);
  });
});

interface Row {
  id: string;
  status: string;
  updated_at?: string;
}

const run = (events: Array<ListEvent<Row>>, state: ListState<Row> = initialListState<Row>("cursor-1")) => events.reduce(listReducer<Row>, state);
const ids = (rows: Row[]) => rows.map((row) => row.id);

describe("dispatch list state", () => {
  const server: Row[] = [{ id: "b", status: "pending" }, { id: "a", status: "pending" }];

  it("puts live rows on top, or behind the pill while the user is away, each once", () => {
    const state = run([
      { type: "arrived", row: { id: "c", status: "pending" }, atTop: true },
      { type: "arrived", row: { id: "d", status: "pending" }, atTop: false },
      { type: "arrived", row: { id: "d", status: "pending" }, atTop: false },
    ]);
    expect(ids(visibleRows(state, server))).toEqual(["c", "b", "a"]);
    expect(waitingCount(state, server)).toBe(1);
    const shown = listReducer(state, { type: "showWaiting" });
    expect(ids(visibleRows(shown, server))).toEqual(["d", "c", "b", "a"]);
    expect(waitingCount(shown, server)).toBe(0);
  });

  it("does not count a waiting row the server has since rendered", () => {
    const state = run([{ type: "arrived", row: { id: "c", status: "pending" }, atTop: false }]);
    expect(waitingCount(state, [{ id: "c", status: "pending" }, ...server])).toBe(0);
  });

  it("appends loaded pages, applies changes, and keeps a deleted row gone", () => {
    const state = run([
      { type: "loaded", rows: [{ id: "z", status: "completed" }, { id: "a", status: "pending" }], cursor: null },
      { type: "patched", id: "b", patch: { status: "ongoing" } },
      { type: "removed", id: "a" },
      { type: "arrived", row: { id: "a", status: "pending" }, atTop: true },
    ]);
    expect(state.cursor).toBeNull();
    expect(visibleRows(state, server)).toEqual([{ id: "b", status: "ongoing" }, { id: "z", status: "completed" }]);
  });

  it("lets a newer server render win over an older change seen live", () => {
    const state = run([{ type: "patched", id: "b", patch: { status: "ongoing", updated_at: "2026-11-22T08:00:00Z" } }]);
    const newer = [{ id: "b", status: "completed", updated_at: "2026-11-22T09:00:00Z" }];
    expect(visibleRows(state, newer)[0]?.status).toBe("completed");
    const older = [{ id: "b", status: "pending", updated_at: "2026-11-22T07:00:00Z" }];
    expect(visibleRows(state, older)[0]?.status).toBe("ongoing");
  });
});
