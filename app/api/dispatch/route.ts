import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { batchIdFor } from "@/lib/idempotency";
import { CSV_BOM, csvRows } from "@/lib/csv";
import { allDispatches, createDispatches, listDispatches, type DispatchListRow } from "@/lib/queries/dispatch";
import type { Supabase } from "@/lib/supabase/types";
import { createDispatchBodySchema, dispatchFiltersSchema, type DispatchFilters } from "@/lib/validations/dispatch";

// Seed 000's export columns and file name.
const CSV_HEADER = ["ID", "Created At", "Cluster", "Processor", "Station", "Region", "Dock Number", "LH Trip", "Plate Number", "Fleet Size", "Status", "Remarks", "Created By"];
const csvLine = (row: DispatchListRow) => [
  row.id, row.created_at, row.cluster, row.processor, row.station, row.region, row.dock_number,
  row.lh_trip, row.plate_number, row.fleet_size, row.status, row.remarks, row.users?.ops_id,
];

/** Streams every matching row, a page at a time: the whole result is never in memory. */
function csvResponse(supabase: Supabase, filters: DispatchFilters): Response {
  const encoder = new TextEncoder();
  const pages = allDispatches(supabase, filters);
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRows([CSV_HEADER])));
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(csvRows(next.value.map(csvLine))));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const filename = `dispatch-reports-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
  });
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
  return NextResponse.json({ data, message: `${data.length} dispatch report(s) created successfully` }, { status: 201 });
});
