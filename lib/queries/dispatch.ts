// Dispatches as the signed-in user may see and change them (RLS decides).
import { randomUUID } from "node:crypto";
import type { QueryData } from "@supabase/supabase-js";
import { camelKeys } from "@/lib/case";
import { functionUrl, publicEnv } from "@/lib/env";
import { ApiError, fromPostgrest, notFound, unauthorized } from "@/lib/errors";
import { currentAccessToken } from "@/lib/queries/auth";
import { cursorAfter, decodeCursor, encodeCursor, type DispatchCursor, type DispatchOrder } from "@/lib/queries/dispatch-cursor";
import type { Supabase, Tables } from "@/lib/supabase/types";
import type { DispatchFilters, DispatchInsert } from "@/lib/validations/dispatch";

const PAGE = 1000; // PostgREST's max_rows

/** Seed 000's list row: the dispatch and who created it. */
export const DISPATCH_LIST_COLUMNS = "*, users:profiles!dispatches_created_by_fkey(ops_id, first_name, last_name)";
const listSelect = (supabase: Supabase, options?: { count: "exact"; head: true }) => supabase.from("dispatches").select(DISPATCH_LIST_COLUMNS, options);
export type DispatchListRow = QueryData<ReturnType<typeof listSelect>>[number];

/** Everything the dispatch panel shows: the row, who created it, its material and site. */
const panelSelect = (supabase: Supabase) =>
  supabase.from("dispatches").select(`${DISPATCH_LIST_COLUMNS}, material:materials(code, name), site:sites(code, name, timezone)`);
export type DispatchDetails = QueryData<ReturnType<typeof panelSelect>>[number];

/** Seed 001's dispatch as its server actions return it: with its material and site. */
const detailSelect = (supabase: Supabase) =>
  supabase.from("dispatches").select("*, material:materials(code, name, category, uom), site:sites(code, name)");

const orderFor = (filters: DispatchFilters): DispatchOrder => (filters.siteId || filters.dateFrom || filters.dateTo ? "date" : "created");

/** ILIKE's wildcards in a user's search word are literal characters. */
const contains = (word: string) => `%${word.replace(/[\\%_]/g, "\\$&")}%`;
// Values inside PostgREST's or=(...) are double-quoted; the cursor's values are checked before
// (uuid, timestamp, day), so this only guards the syntax.
const quoted = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;

/** The list's filters as plain bounds: what both the PostgREST list and the CSV export apply. */
function filterBounds(filters: DispatchFilters) {
  return {
    region: filters.region,
    status: filters.status,
    createdFrom: filters.start_date,
    // A day alone ends at its last microsecond.
    createdTo: filters.end_date ? (filters.end_date.length === 10 ? `${filters.end_date}T23:59:59.999999Z` : filters.end_date) : undefined,
    clusterPattern: filters.cluster ? contains(filters.cluster) : undefined,
    processorPattern: filters.processor ? contains(filters.processor) : undefined,
    siteId: filters.siteId,
    dateFrom: filters.dateFrom,
    dateTo: filters.dateTo,
  };
}

function filtered(supabase: Supabase, filters: DispatchFilters, options?: { count: "exact"; head: true }) {
  const bounds = filterBounds(filters);
  let query = listSelect(supabase, options);
  if (bounds.region) query = query.eq("region", bounds.region);
  if (bounds.status) query = query.eq("status", bounds.status);
  if (bounds.createdFrom) query = query.gte("created_at", bounds.createdFrom);
  if (bounds.createdTo) query = query.lte("created_at", bounds.createdTo);
  if (bounds.clusterPattern) query = query.ilike("cluster", bounds.clusterPattern);
  if (bounds.processorPattern) query = query.ilike("processor", bounds.processorPattern);
  if (bounds.siteId) query = query.eq("site_id", bounds.siteId);
  if (bounds.dateFrom) query = query.gte("dispatch_date", bounds.dateFrom);
  if (bounds.dateTo) query = query.lte("dispatch_date", bounds.dateTo);
  return query;
}

/** One page, newest first; `after` continues from a cursor (keyset, stable under inserts). */
async function page(supabase: Supabase, filters: DispatchFilters, order: DispatchOrder, limit: number, after?: DispatchCursor, offset = 0) {
  let query = filtered(supabase, filters);
  if (after) {
    const created = quoted(after.created_at);
    const id = quoted(after.id);
    // IMPORTANT: the plain bound (lte) is what the index scan starts from; PostgREST has no row
    // comparison, and with the `or` alone Postgres reads and discards every row before the
    // cursor, so each page got slower the deeper it was (100 ms at 250,000 rows, 0.3 ms with it).
    if (after.order === "created") {
      query = query.lte("created_at", after.created_at).or(`created_at.lt.${created},and(created_at.eq.${created},id.lt.${id})`);
    } else {
      const day = quoted(after.dispatch_date);
      query = query
        .lte("dispatch_date", after.dispatch_date)
        .or(`dispatch_date.lt.${day},and(dispatch_date.eq.${day},created_at.lt.${created}),and(dispatch_date.eq.${day},created_at.eq.${created},id.lt.${id})`);
    }
  }
  if (order === "date") query = query.order("dispatch_date", { ascending: false });
  query = query.order("created_at", { ascending: false }).order("id", { ascending: false });
  const { data, error } = await query.range(offset, offset + limit - 1);
  if (error) throw fromPostgrest(error, "The dispatch");
  return data;
}

export async function listDispatches(supabase: Supabase, filters: DispatchFilters) {
  const order = orderFor(filters);
  const after = filters.cursor ? decodeCursor(filters.cursor, order) : undefined;
  const rows = await page(supabase, filters, order, filters.limit, after, after ? 0 : filters.offset);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: rows.length === filters.limit && last ? encodeCursor(cursorAfter(order, last)) : null };
}

/** How many rows match (the list's "1,234 dispatches"). */
export async function countDispatches(supabase: Supabase, filters: DispatchFilters): Promise<number> {
  const { count, error } = await filtered(supabase, filters, { count: "exact", head: true });
  if (error) throw fromPostgrest(error, "The dispatch");
  return count ?? 0;
}

/** One list row (with its creator), e.g. for a row someone else just inserted. */
export async function readDispatchRow(supabase: Supabase, id: string): Promise<DispatchListRow> {
  const { data, error } = await listSelect(supabase).eq("id", id).maybeSingle();
  if (error) throw fromPostgrest(error, "The dispatch");
  if (!data) throw notFound("The dispatch");
  return data;
}

/**
 * Seed 000's CSV of every matching row (no header), in the list's order, as bytes straight from
 * Postgres's COPY: the exports Edge Function reads them as the signed-in user, one slice per call
 * (supabase/functions/exports/dispatch-csv.ts), and each answer says where the next slice starts.
 * The first slice is asked for before this returns, so a failure to start is an error answer
 * rather than a broken file. The next slice is asked for when this one's rows start to flow, so
 * Postgres finds its end while these are written.
 */
export async function dispatchCsvRows(supabase: Supabase, filters: DispatchFilters): Promise<AsyncGenerator<Uint8Array>> {
  const token = (await currentAccessToken(supabase))?.token;
  if (!token) throw unauthorized();
  const query = dispatchCsvQuery(filters);
  const first = await csvSlice(token, query);
  return (async function* slices() {
    let slice: Response | null = first;
    while (slice) {
      const next: string | null = slice.headers.get(DISPATCH_CSV_NEXT_HEADER);
      const pending: Promise<Response> | null = next ? csvSlice(token, `${query}&${next}`) : null;
      pending?.catch(() => {}); // awaited below; a reader that stops early must not leave it unhandled
      let read = false;
      try {
        yield* slice.body as unknown as AsyncIterable<Uint8Array>;
        read = true;
      } finally {
        // A reader that stopped early: the slice asked for ahead is not wanted.
        if (pending && !read) void pending.then((unread: Response) => unread.body?.cancel(), () => {});
      }
      slice = pending ? await pending : null;
    }
  })();
}

/** Where the function says the next slice starts (a query to add). */
const DISPATCH_CSV_NEXT_HEADER = "x-next-slice";

/** The list's filters in the function's terms: the same bounds the PostgREST list applies. */
function dispatchCsvQuery(filters: DispatchFilters): string {
  const bounds = filterBounds(filters);
  const params = new URLSearchParams();
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) params.set(name, value);
  };
  add("region", bounds.region);
  add("status", bounds.status);
  add("created_from", bounds.createdFrom);
  add("created_to", bounds.createdTo);
  add("cluster_pattern", bounds.clusterPattern);
  add("processor_pattern", bounds.processorPattern);
  add("site_id", bounds.siteId);
  add("date_from", bounds.dateFrom);
  add("date_to", bounds.dateTo);
  params.set("by_date", String(orderFor(filters) === "date"));
  return params.toString();
}

async function csvSlice(token: string, query: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(functionUrl("exports", `/dispatch-csv?${query}`), { headers: { authorization: `Bearer ${token}`, apikey: publicEnv().supabaseAnonKey } });
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", "The export service is not answering for a moment; try again in a few seconds.", undefined, { cause: error });
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  const message = typeof body.message === "string" ? body.message : `The export service answered ${response.status}.`;
  if (response.status === 401) throw unauthorized();
  if (response.status === 400) throw new ApiError("VALIDATION_ERROR", message);
  throw new ApiError("SERVICE_UNAVAILABLE", "The export service is not answering for a moment; try again in a few seconds.", undefined, { cause: new Error(message) });
}

/**
 * Inserts through create_dispatch_batch (all or nothing, idempotent by batch id) and returns every
 * inserted row: PostgREST answers at most 1000, so larger batches are read back by batch id.
 */
export async function createDispatches(supabase: Supabase, rows: DispatchInsert[], batchId: string = randomUUID()): Promise<Tables<"dispatches">[]> {
  const { data, error } = await supabase.rpc("create_dispatch_batch", { rows, batch_id: batchId });
  if (error) throw fromPostgrest(error, "The dispatch");
  const all = [...data];
  while (all.length < rows.length && all.length % PAGE === 0 && all.length > 0) {
    const more = await supabase.from("dispatches").select("*").eq("batch_id", batchId).order("row_no").range(all.length, all.length + PAGE - 1);
    if (more.error) throw fromPostgrest(more.error, "The dispatch");
    if (more.data.length === 0) break;
    all.push(...more.data);
  }
  return all;
}

/**
 * Saves one batch from the grid through create_dispatch_batch and says how many rows it holds. The
 * rows are not read back (the grid drops what it saved): a repeated batch id answers the first
 * save's count, so a retry reports the rows as saved and creates nothing.
 */
export async function saveDispatchBatch(supabase: Supabase, rows: DispatchInsert[], batchId: string): Promise<number> {
  const { count, error } = await supabase.rpc("create_dispatch_batch", { rows, batch_id: batchId }, { count: "exact" }).select("id").limit(1);
  if (error) throw fromPostgrest(error, "The dispatch");
  return count ?? 0;
}

/** Day, plate and LH trip of a site's saved dispatches on these days: the grid's duplicate check. */
export async function dispatchTrips(supabase: Supabase, siteId: string, days: readonly string[]) {
  const trips: Array<{ dispatch_date: string; plate_number: string | null; lh_trip: string | null }> = [];
  for (;;) {
    const { data, error } = await supabase
      .from("dispatches")
      .select("dispatch_date, plate_number, lh_trip")
      .eq("site_id", siteId)
      .in("dispatch_date", [...days])
      .not("plate_number", "is", null)
      .not("lh_trip", "is", null)
      .order("id")
      .range(trips.length, trips.length + PAGE - 1);
    if (error) throw fromPostgrest(error, "The dispatches");
    trips.push(...data);
    if (data.length < PAGE) return trips;
  }
}

/** Changes a dispatch; 404 if the user cannot see it, 403 if they can see but not change it. */
export async function updateDispatch(supabase: Supabase, id: string, patch: { status?: string; remarks?: string | null }): Promise<DispatchListRow> {
  const { data, error } = await supabase.from("dispatches").update(patch).eq("id", id).select(DISPATCH_LIST_COLUMNS);
  if (error) throw fromPostgrest(error, "The dispatch");
  const [updated] = data;
  if (data.length === 1 && updated) return updated;
  await ensureVisible(supabase, id);
  throw new ApiError("FORBIDDEN", "You cannot change this dispatch.");
}

export async function deleteDispatch(supabase: Supabase, id: string): Promise<{ id: string }> {
  const { data, error } = await supabase.from("dispatches").delete().eq("id", id).select("id");
  if (error) throw fromPostgrest(error, "The dispatch");
  const [deleted] = data;
  if (data.length === 1 && deleted) return deleted;
  await ensureVisible(supabase, id);
  throw new ApiError("FORBIDDEN", "Only a manager of the site can delete a dispatch.");
}

export async function readDispatchDetails(supabase: Supabase, id: string): Promise<DispatchDetails> {
  const { data, error } = await panelSelect(supabase).eq("id", id).maybeSingle();
  if (error) throw fromPostgrest(error, "The dispatch");
  if (!data) throw notFound("The dispatch");
  return data;
}

/** Seed 001's dispatch: camelCase, with its material and site, as the server actions return it. */
export async function readDispatch(supabase: Supabase, id: string) {
  const { data, error } = await detailSelect(supabase).eq("id", id).maybeSingle();
  if (error) throw fromPostgrest(error, "The dispatch");
  if (!data) throw notFound("The dispatch");
  return camelKeys(data);
}

async function ensureVisible(supabase: Supabase, id: string): Promise<void> {
  const { data, error } = await supabase.from("dispatches").select("id").eq("id", id).maybeSingle();
  if (error) throw fromPostgrest(error, "The dispatch");
  if (!data) throw notFound("The dispatch");
}
