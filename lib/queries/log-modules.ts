// The four site logs of seed 001 (production, received material, equipment logs, manpower logs),
// one definition each: its table, the rows it lists with their catalogue rows embedded, its batch
// RPC and its schemas. Everything else (lib/queries/logs.ts, the routes, the actions) is generic.
// A new log touches: its migration, its schemas in lib/validations/logs.ts, one entry here, one
// route file pair, one test entry.
import type { PostgrestError } from "@supabase/supabase-js";
import type { z } from "zod";
import type { Supabase, Tables, TablesInsert, TablesUpdate } from "@/lib/supabase/types";
import {
  createEquipmentLogSchema,
  createManpowerLogSchema,
  createProductionSchema,
  createReceivedSchema,
  updateEquipmentLogSchema,
  updateManpowerLogSchema,
  updateProductionSchema,
  updateReceivedSchema,
} from "@/lib/validations/logs";

export type LogTableName = "production" | "received_materials" | "equipment_logs" | "manpower_logs";

type Result<Data> = PromiseLike<{ data: Data | null; error: PostgrestError | null }>;

/**
 * The filters a log's list and read apply. Each log's own select satisfies it, and since every
 * filter returns `this`, the rows keep the types its select gives them (embedded rows included).
 */
export interface LogRowsQuery<Row> extends Result<Row[]> {
  eq(column: "site_id" | "id", value: string): this;
  /** The material filter of the production and receipts pages (the other logs have no material). */
  filter(column: "material_id", operator: "eq", value: string): this;
  gte(column: "date", value: string): this;
  lte(column: "date", value: string): this;
  order(column: "date" | "created_at", options: { ascending: boolean }): this;
  range(from: number, to: number): this;
}

type ChangedIds = Result<Array<{ id: string }>>;

export interface LogModule<Table extends LogTableName = LogTableName, Row = unknown, Insert = unknown, Update = unknown> {
  table: Table;
  /** What one row is called in messages: "Production record". */
  label: string;
  createSchema: z.ZodType<Insert>;
  updateSchema: z.ZodType<Update>;
  /** The rows as seed 001 returns them: the table's columns and the catalogue rows they name. */
  rows(supabase: Supabase): LogRowsQuery<Row>;
  /** The table's create_*_batch: all or nothing, idempotent by batch id, answering the table's rows. */
  insertBatch(supabase: Supabase, rows: Insert[], batchId: string): Result<Tables<Table>[]>;
  update(supabase: Supabase, id: string, patch: Update): ChangedIds;
}

/** Keys of `Value` that `Columns` does not have: a schema field with no column. */
type UnknownColumns<Value, Columns> = Exclude<keyof Value, keyof Columns>;

/**
 * A log module whose schemas' output fits its table's insert and update types exactly, and whose
 * batch RPC answers that table's rows: a renamed column or a mismatched RPC fails `tsc` here.
 */
function defineLogModule<Table extends LogTableName, Row, Insert extends TablesInsert<Table>, Update extends TablesUpdate<Table>>(
  module: LogModule<Table, Row, Insert, Update> &
    (UnknownColumns<Insert, TablesInsert<Table>> extends never ? unknown : { createSchema: `no column for ${UnknownColumns<Insert, TablesInsert<Table>> & string}` }),
): LogModule<Table, Row, Insert, Update> {
  return module;
}

const SITE = "site:sites(code, name)";
const MATERIAL = "material:materials(code, name, category, uom)";

export const productionLog = defineLogModule({
  table: "production",
  label: "Production record",
  createSchema: createProductionSchema,
  updateSchema: updateProductionSchema,
  rows: (supabase) => supabase.from("production").select(`*, ${MATERIAL}, ${SITE}`),
  insertBatch: (supabase, rows, batchId) => supabase.rpc("create_production_batch", { rows, batch_id: batchId }),
  update: (supabase, id, patch) => supabase.from("production").update(patch).eq("id", id).select("id"),
});

export const receivedLog = defineLogModule({
  table: "received_materials",
  label: "Received material",
  createSchema: createReceivedSchema,
  updateSchema: updateReceivedSchema,
  rows: (supabase) => supabase.from("received_materials").select(`*, ${MATERIAL}, ${SITE}`),
  insertBatch: (supabase, rows, batchId) => supabase.rpc("create_received_batch", { rows, batch_id: batchId }),
  update: (supabase, id, patch) => supabase.from("received_materials").update(patch).eq("id", id).select("id"),
});

export const equipmentLog = defineLogModule({
  table: "equipment_logs",
  label: "Equipment log",
  createSchema: createEquipmentLogSchema,
  updateSchema: updateEquipmentLogSchema,
  rows: (supabase) => supabase.from("equipment_logs").select(`*, equipment:equipment!equipment_logs_equipment_site_fkey(code, name, type), ${SITE}`),
  insertBatch: (supabase, rows, batchId) => supabase.rpc("create_equipment_log_batch", { rows, batch_id: batchId }),
  update: (supabase, id, patch) => supabase.from("equipment_logs").update(patch).eq("id", id).select("id"),
});

export const manpowerLog = defineLogModule({
  table: "manpower_logs",
  label: "Manpower log",
  createSchema: createManpowerLogSchema,
  updateSchema: updateManpowerLogSchema,
  rows: (supabase) => supabase.from("manpower_logs").select(`*, role:manpower_roles(code, name), ${SITE}`),
  insertBatch: (supabase, rows, batchId) => supabase.rpc("create_manpower_log_batch", { rows, batch_id: batchId }),
  update: (supabase, id, patch) => supabase.from("manpower_logs").update(patch).eq("id", id).select("id"),
});
