// Seed 001's site-log routes (production, received, equipment, manpower) from one definition each:
// list a site's rows with their catalogue names, create one row (atomic and idempotent through
// the table's create_*_batch), change and delete one row. RLS decides who may do what.
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { authenticated, parseBody, parseParams, parseQuery } from "@/lib/api/handler";
import { batchIdFor } from "@/lib/api/idempotency";
import { fromPostgrest } from "@/lib/errors";
import { createLogRow, deleteLogRow, toCamel, updateLogRow, type LogModule } from "@/lib/queries/logs";
import { logQuerySchema } from "@/lib/validations/logs";
import { idParamsSchema, noQuerySchema } from "@/lib/validations/params";

const idOf = (params: { id: string }) => parseParams(params, idParamsSchema, "The id is not valid.").id;

export function logRoutes<Schema extends z.ZodObject>(module: LogModule<Schema>) {
  const base = module as unknown as LogModule;

  const GET = authenticated(async ({ request, supabase }) => {
    const query = parseQuery(request, logQuerySchema);
    let select = supabase.from(module.table).select(`*, ${module.embed}`).eq("site_id", query.siteId);
    if (query.dateFrom) select = select.gte("date", query.dateFrom);
    if (query.dateTo) select = select.lte("date", query.dateTo);
    const { data, error } = await select
      .order("date", { ascending: false })
      .order("created_at", { ascending: false })
      .range(query.offset, query.offset + query.limit - 1);
    if (error) throw fromPostgrest(error, module.label);
    return NextResponse.json({ [module.listKey]: toCamel(data) });
  });

  const POST = authenticated(async ({ request, supabase, userId }) => {
    const input = (await parseBody(request, module.schema)) as Record<string, unknown>;
    const row = await createLogRow(supabase, base, input, batchIdFor(userId, request.headers.get("idempotency-key"), undefined));
    return NextResponse.json(module.itemKey ? { [module.itemKey]: row } : row, { status: 201 });
  });

  const PATCH = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
    parseQuery(request, noQuerySchema);
    const id = idOf(params);
    const patch = (await parseBody(request, module.schema.partial().omit({ siteId: true } as never))) as Record<string, unknown>;
    return NextResponse.json({ [module.itemKey ?? "data"]: await updateLogRow(supabase, base, id, patch) });
  });

  const DELETE = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
    parseQuery(request, noQuerySchema);
    await deleteLogRow(supabase, base, idOf(params));
    return NextResponse.json({ success: true });
  });

  return { GET, POST, PATCH, DELETE };
}
