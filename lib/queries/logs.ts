// The site logs (production, received, equipment, manpower) as rows of seed 001's shape, shared
// by the routes, the server actions and the pages. RLS decides who may do what.
import { randomUUID } from "node:crypto";
import { camelKeys } from "@/lib/case";
import { ApiError, fromPostgrest, internalError, notFound } from "@/lib/errors";
import type { LogModule, LogTableName } from "@/lib/queries/log-modules";
import type { Supabase } from "@/lib/supabase/types";
import type { LogQuery } from "@/lib/validations/logs";

/** A site's rows, newest day first, with their catalogue rows, in seed 001's camelCase. */
export async function listLogRows<Row>(supabase: Supabase, module: LogModule<LogTableName, Row>, query: LogQuery & { materialId?: string }) {
  let select = module.rows(supabase).eq("site_id", query.siteId);
  // The pages' material filter (production and receipts have a material; the API takes none).
  if (query.materialId) select = select.filter("material_id", "eq", query.materialId);
  if (query.dateFrom) select = select.gte("date", query.dateFrom);
  if (query.dateTo) select = select.lte("date", query.dateTo);
  const { data, error } = await select
    .order("date", { ascending: false })
    .order("created_at", { ascending: false })
    .range(query.offset, query.offset + query.limit - 1);
  if (error) throw fromPostgrest(error, module.label);
  return camelKeys(data ?? []);
}

export async function readLogRow<Row>(supabase: Supabase, module: LogModule<LogTableName, Row>, id: string) {
  const { data, error } = await module.rows(supabase).eq("id", id);
  if (error) throw fromPostgrest(error, module.label);
  const row = data?.[0];
  if (!row) throw notFound(module.label);
  return camelKeys(row);
}

/** One row through the table's create_*_batch: atomic, and idempotent by batch id. */
export async function createLogRow<Table extends LogTableName, Row, Insert>(
  supabase: Supabase,
  module: LogModule<Table, Row, Insert>,
  input: Insert,
  batchId: string = randomUUID(),
) {
  const { data, error } = await module.insertBatch(supabase, [input], batchId);
  if (error) throw fromPostgrest(error, module.label);
  const created = data?.[0];
  if (!created) throw internalError({ label: module.label, batchId, reason: "create_*_batch answered no row" });
  return readLogRow(supabase, module, created.id);
}

/** 404 when the user cannot see the row, 403 when they can see but not change it. */
async function refuse(supabase: Supabase, module: LogModule, id: string, message: string): Promise<never> {
  await readLogRow(supabase, module, id);
  throw new ApiError("FORBIDDEN", message);
}

export async function updateLogRow<Table extends LogTableName, Row, Update>(
  supabase: Supabase,
  module: LogModule<Table, Row, unknown, Update>,
  id: string,
  patch: Update,
) {
  const { data, error } = await module.update(supabase, id, patch);
  if (error) throw fromPostgrest(error, module.label);
  if (!data?.length) await refuse(supabase, module, id, `You cannot change this ${module.label.toLowerCase()}.`);
  return readLogRow(supabase, module, id);
}

export async function deleteLogRow(supabase: Supabase, module: LogModule, id: string): Promise<void> {
  const table: LogTableName = module.table;
  const { data, error } = await supabase.from(table).delete().eq("id", id).select("id");
  if (error) throw fromPostgrest(error, module.label);
  if (data.length === 0) await refuse(supabase, module, id, `Only a manager of the site can delete this ${module.label.toLowerCase()}.`);
}

/** Saves one batch from the grid (all or nothing, idempotent by batch id) and says how many rows it held. */
export async function saveLogBatch<Table extends LogTableName, Row, Insert>(supabase: Supabase, module: LogModule<Table, Row, Insert>, rows: Insert[], batchId: string): Promise<number> {
  const { error } = await module.insertBatch(supabase, rows, batchId);
  if (error) throw fromPostgrest(error, module.label);
  return rows.length;
}
