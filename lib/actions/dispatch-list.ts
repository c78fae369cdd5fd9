// What the dispatch page asks for after its first render: the next page of rows ("Load more")
// and a row that someone else just created (live inserts), with the same filters and rights.
import "server-only";
import { z } from "zod";
import { runAction } from "@/lib/actions/run";
import { dispatchPageFiltersSchema, queryFilters } from "@/lib/dispatch/filters";
import { listDispatches, readDispatchRow } from "@/lib/queries/dispatch";
import { idParamsSchema } from "@/lib/validations/params";

const nextPageSchema = z.object({
  filters: dispatchPageFiltersSchema,
  siteId: z.uuid().nullable(),
  cursor: z.string().min(1).max(500),
});

export function loadDispatchPageAction(input: unknown) {
  return runAction("load dispatches", [], async (supabase) => {
    const { filters, siteId, cursor } = nextPageSchema.parse(input);
    return listDispatches(supabase, { ...queryFilters(filters, siteId), cursor });
  });
}

const newestSchema = nextPageSchema.omit({ cursor: true });

/** The list's first page as it is now: what a list that just joined its channel may have missed. */
export function newestDispatchesAction(input: unknown) {
  return runAction("newest dispatches", [], async (supabase) => {
    const { filters, siteId } = newestSchema.parse(input);
    return { rows: (await listDispatches(supabase, queryFilters(filters, siteId))).rows };
  });
}

export function readDispatchRowAction(id: unknown) {
  return runAction("read dispatch", [], async (supabase) => ({ row: await readDispatchRow(supabase, idParamsSchema.parse({ id }).id) }));
}
