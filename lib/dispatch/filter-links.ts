// What the dispatch page's browser code does with its filters: the page's URL and the export link
// they make, and whether a row that arrived live belongs in the list. No zod here: this runs in
// the browser, and the schema (filters.ts) stays on the server.
import type { DispatchPageFilters } from "@/lib/dispatch/filters";

export type { DispatchPageFilters };

/** The filters in use, in the schema's order (the order filtersFromParams returns them in). */
const inUse = (filters: DispatchPageFilters) => Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");

export const activeFilterCount = (filters: DispatchPageFilters) => inUse(filters).length;

/** The page's URL with these filters, the site and anything else kept (`extra`: e.g. the open row). */
export function dispatchPageUrl(path: string, siteCode: string | null | undefined, filters: DispatchPageFilters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  if (siteCode) search.set("site", siteCode);
  for (const [key, value] of inUse(filters)) search.set(key, value);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The streamed CSV of every row these filters match (GET /api/dispatch?export=csv). */
export function exportUrl(filters: DispatchPageFilters, siteId: string | null): string {
  const search = new URLSearchParams();
  if (siteId) search.set("siteId", siteId);
  for (const [key, value] of inUse(filters)) search.set(key, value);
  search.set("export", "csv");
  return `/api/dispatch?${search.toString()}`;
}

export interface FilterableDispatch {
  site_id: string;
  status: string;
  region: string | null;
  cluster: string | null;
  processor: string | null;
  dispatch_date: string;
}

const containsWord = (value: string | null, needle: string | undefined) => !needle || (value ?? "").toLowerCase().includes(needle.toLowerCase());

/** Whether a row (one that just arrived live) belongs in the list these filters show. */
export function matchesFilters(row: FilterableDispatch, filters: DispatchPageFilters, siteId: string | null): boolean {
  if (siteId && row.site_id !== siteId) return false;
  if (filters.status && row.status !== filters.status) return false;
  if (filters.region && row.region !== filters.region) return false;
  if (!containsWord(row.cluster, filters.cluster) || !containsWord(row.processor, filters.processor)) return false;
  if (filters.dateFrom && row.dispatch_date < filters.dateFrom) return false;
  if (filters.dateTo && row.dispatch_date > filters.dateTo) return false;
  return true;
}
