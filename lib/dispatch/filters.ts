// The dispatch page's filters: read from the URL (so a reload or a shared link shows the same
// rows), turned into the query's filters and the export link, and checked against a live row.
// A filter the URL gets wrong is dropped, never an error page.
import { z } from "zod";
import { DISPATCH_STATUSES } from "@/lib/constants";
import { calendarDay } from "@/lib/validations/common";
import type { DispatchFilters } from "@/lib/validations/dispatch";

const word = z
  .string()
  .trim()
  .max(100)
  .transform((value) => value || undefined)
  .optional()
  .catch(undefined);

export const dispatchPageFiltersSchema = z.object({
  status: z.enum(DISPATCH_STATUSES).optional().catch(undefined),
  region: word,
  cluster: word,
  processor: word,
  dateFrom: calendarDay.optional().catch(undefined),
  dateTo: calendarDay.optional().catch(undefined),
});

export type DispatchPageFilters = z.infer<typeof dispatchPageFiltersSchema>;
export type FilterKey = keyof DispatchPageFilters;
export const FILTER_KEYS: readonly FilterKey[] = ["status", "region", "cluster", "processor", "dateFrom", "dateTo"];

/** The rows a page shows at a time (and a "Load more" adds). */
export const PAGE_SIZE = 50;

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function filtersFromParams(params: Params): DispatchPageFilters {
  const filters = dispatchPageFiltersSchema.parse(Object.fromEntries(FILTER_KEYS.map((key) => [key, first(params[key])])));
  // Swapped dates are read the way the user meant them.
  if (filters.dateFrom && filters.dateTo && filters.dateFrom > filters.dateTo) return { ...filters, dateFrom: filters.dateTo, dateTo: filters.dateFrom };
  return filters;
}

export const activeFilterCount = (filters: DispatchPageFilters) => FILTER_KEYS.filter((key) => filters[key] !== undefined).length;

/** The list query's filters (lib/queries/dispatch.ts) for the site in view (null: all sites). */
export function queryFilters(filters: DispatchPageFilters, siteId: string | null, limit: number = PAGE_SIZE): DispatchFilters {
  return { ...filters, ...(siteId ? { siteId } : {}), limit };
}

/** The page's URL with these filters, the site and anything else kept (`extra`: e.g. the open row). */
export function dispatchPageUrl(path: string, siteCode: string | null | undefined, filters: DispatchPageFilters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  if (siteCode) search.set("site", siteCode);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The streamed CSV of every row these filters match (GET /api/dispatch?export=csv). */
export function exportUrl(filters: DispatchPageFilters, siteId: string | null): string {
  const search = new URLSearchParams();
  if (siteId) search.set("siteId", siteId);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
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
