// What a site log's page lists, from its URL: a day range, a material (production and receipts:
// where the inventory page's figures link), and the page of rows. Bad values are ignored.
import { z } from "zod";
import { calendarDay } from "@/lib/validations/common";

export const LOG_PAGE_ROWS = 50;

export interface LogListFilters {
  from?: string;
  to?: string;
  materialId?: string;
  /** 0 for the newest rows. */
  page: number;
}

const listSchema = z.object({
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
  material: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function logListFilters(params: Params): LogListFilters {
  const parsed = listSchema.parse({ from: first(params.from), to: first(params.to), material: first(params.material), page: first(params.page) ?? 0 });
  return { from: parsed.from, to: parsed.to, materialId: parsed.material, page: parsed.page };
}

/** The page's URL with these filters (and the site). */
export function logListUrl(path: string, siteCode: string, filters: LogListFilters): string {
  const search = new URLSearchParams({ site: siteCode });
  if (filters.from) search.set("from", filters.from);
  if (filters.to) search.set("to", filters.to);
  if (filters.materialId) search.set("material", filters.materialId);
  if (filters.page > 0) search.set("page", String(filters.page));
  return `${path}?${search.toString()}`;
}
