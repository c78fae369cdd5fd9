import { NextResponse } from "next/server";
import { authenticated, parseBody, parseQuery } from "@/lib/api/handler";
import { batchIdFor } from "@/lib/api/idempotency";
import { CSV_BOM, csvRows } from "@/lib/csv";
import { fromZod } from "@/lib/errors";
import { allDispatches, createDispatches, listDispatches, type DispatchListRow } from "@/lib/queries/dispatch";
import { bulkDispatchSchema, dispatchFiltersSchema, singleDispatchSchema, type DispatchFilters } from "@/lib/validations/dispatch";
import type { Supabase } from "@/lib/api/handler";
import { z } from "zod";

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

export const GET = authenticated(async ({ request, supabase }) => {
  const filters = parseQuery(request, dispatchFiltersSchema);
  if (filters.export === "csv") return csvResponse(supabase, filters);
  const { rows, nextCursor } = await listDispatches(supabase, filters);
  return NextResponse.json({ data: rows, count: rows.length, filters, nextCursor });
});

/** Seed 000's { rows: [...] } bulk body, or seed 001's single camelCase dispatch. */
function parseDispatches(body: unknown) {
  if (typeof body === "object" && body !== null && "rows" in body) {
    const bulk = bulkDispatchSchema.safeParse(body);
    if (!bulk.success) throw fromZod(bulk.error);
    return { rows: bulk.data.rows, batchId: bulk.data.batch_id };
  }
  const single = singleDispatchSchema.safeParse(body);
  if (!single.success) throw fromZod(single.error);
  return { rows: [single.data], batchId: undefined };
}

export const POST = authenticated(async ({ request, supabase, userId }) => {
  const { rows, batchId: bodyBatchId } = parseDispatches(await parseBody(request, z.unknown()));
  const batchId = batchIdFor(userId, request.headers.get("idempotency-key"), bodyBatchId);
  const data = await createDispatches(supabase, rows, batchId);
  return NextResponse.json({ data, message: `${data.length} dispatch report(s) created successfully` }, { status: 201 });
});
