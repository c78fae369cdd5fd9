// The dispatch page's filters, read from the URL (so a reload or a shared link shows the same
// rows) and turned into the list query's filters. A filter the URL gets wrong is dropped, never
// an error page. What the browser does with them (links, live rows) is in filter-links.ts.
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
// The URL parameters the page reads: the schema's keys.
const FILTER_KEYS = Object.keys(dispatchPageFiltersSchema.shape);

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

/** The list query's filters (lib/queries/dispatch.ts) for the site in view (null: all sites). */
export function queryFilters(filters: DispatchPageFilters, siteId: string | null, limit: number = PAGE_SIZE): DispatchFilters {
  return { ...filters, ...(siteId ? { siteId } : {}), limit };
}

