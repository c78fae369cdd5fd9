import { NextResponse } from "next/server";
import { downloadHeaders } from "@/lib/api/download";
import { authenticated } from "@/lib/api/handler";
import { batchIdFor } from "@/lib/idempotency";
import { CSV_BOM, csvQuotedLine } from "@/lib/csv";
import { createDispatches, dispatchCsvRows, listDispatches } from "@/lib/queries/dispatch";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import type { Supabase } from "@/lib/supabase/types";
import { createDispatchBodySchema, dispatchFiltersSchema, type DispatchFilters } from "@/lib/validations/dispatch";
import { otherMethods } from "@/lib/api/methods";

// Seed 000's export columns and file name; the rows come from public.dispatch_csv_slice's COPY in
// this order, every field quoted as the seed writes them.
const CSV_HEADER = ["ID", "Created At", "Cluster", "Processor", "Station", "Region", "Dock Number", "LH Trip", "Plate Number", "Fleet Size", "Status", "Remarks", "Created By"];

/** Streams every matching row as Postgres writes it: the whole result is never in memory. */
async function csvResponse(supabase: Supabase, filters: DispatchFilters): Promise<Response> {
  const rows = await dispatchCsvRows(supabase, filters);
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        return controller.enqueue(new TextEncoder().encode(CSV_BOM + csvQuotedLine(CSV_HEADER)));
      }
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const filename = `dispatch-reports-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(body, { headers: downloadHeaders("text/csv; charset=utf-8", filename) });
}

export const GET = authenticated({ query: dispatchFiltersSchema }, async ({ supabase, query: filters }) => {
  if (filters.export === "csv") return csvResponse(supabase, filters);
  const { rows, nextCursor } = await listDispatches(supabase, filters);
  return NextResponse.json({ data: rows, count: rows.length, filters, nextCursor });
});

/** Seed 000's { rows: [...] } bulk body, or seed 001's single camelCase dispatch. */
export const POST = authenticated({ body: createDispatchBodySchema }, async ({ request, supabase, userId, body }) => {
  const batchId = batchIdFor(userId, request.headers.get("idempotency-key"), body.batchId);
  const data = await createDispatches(supabase, body.rows, batchId);
  syncSheetsAfterResponse();
  return NextResponse.json({ data, message: `${data.length} dispatch report(s) created successfully` }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
