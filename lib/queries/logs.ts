// The site logs (production, received, equipment, manpower) as rows of seed 001's shape, shared
// by the routes and the server actions. RLS decides who may do what.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Supabase } from "@/lib/api/handler";
import { ApiError, fromPostgrest, notFound } from "@/lib/errors";

type Rpc = "create_production_batch" | "create_received_batch" | "create_equipment_log_batch" | "create_manpower_log_batch";
type Table = "production" | "received_materials" | "equipment_logs" | "manpower_logs";

export interface LogModule<Schema extends z.ZodObject = z.ZodObject> {
  table: Table;
  rpc: Rpc;
  /** Embedded catalogue rows, as seed 001 includes them. */
  embed: string;
  listKey: string;
  /** Key of the created row in POST's body; null when seed 001 returns the row itself. */
  itemKey: string | null;
  /** Key of the row in a server action's result ({ success, production }). */
  actionKey: string;
  /** The dashboard page that shows this log, revalidated after a change. */
  page: string;
  schema: Schema;
  label: string;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Rows in seed 001's camelCase (its Prisma client's shape), embedded objects included. */
export function toCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamel);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camel(key), toCamel(inner)]));
}

export function toSnake(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined).map(([key, value]) => [snake(key), value]));
}

export async function readLogRow(supabase: Supabase, module: LogModule, id: string) {
  const { data, error } = await supabase.from(module.table).select(`*, ${module.embed}`).eq("id", id).maybeSingle();
  if (error) throw fromPostgrest(error, module.label);
  if (!data) throw notFound(module.label);
  return toCamel(data) as Record<string, unknown>;
}

/** One row through the table's create_*_batch: atomic, and idempotent by batch id. */
export async function createLogRow(supabase: Supabase, module: LogModule, input: Record<string, unknown>, batchId: string = randomUUID()) {
  const { data, error } = await supabase.rpc(module.rpc, { rows: [toSnake(input)] as never, batch_id: batchId });
  if (error) throw fromPostgrest(error, module.label);
  const [created] = (data ?? []) as unknown as Array<{ id: string }>;
  return readLogRow(supabase, module, created!.id);
}

/** 404 when the user cannot see the row, 403 when they can see but not change it. */
async function refuse(supabase: Supabase, module: LogModule, id: string, message: string): Promise<never> {
  await readLogRow(supabase, module, id);
  throw new ApiError("FORBIDDEN", message);
}

export async function updateLogRow(supabase: Supabase, module: LogModule, id: string, patch: Record<string, unknown>) {
  const changes = toSnake(patch);
  if (Object.keys(changes).length === 0) throw new ApiError("VALIDATION_ERROR", "Send at least one field to change.");
  const { data, error } = await supabase.from(module.table).update(changes as never).eq("id", id).select("id");
  if (error) throw fromPostgrest(error, module.label);
  if (data.length === 0) await refuse(supabase, module, id, `You cannot change this ${module.label.toLowerCase()}.`);
  return readLogRow(supabase, module, id);
}

export async function deleteLogRow(supabase: Supabase, module: LogModule, id: string) {
  const { data, error } = await supabase.from(module.table).delete().eq("id", id).select("id");
  if (error) throw fromPostgrest(error, module.label);
  if (data.length === 0) await refuse(supabase, module, id, `Only a manager of the site can delete this ${module.label.toLowerCase()}.`);
}
