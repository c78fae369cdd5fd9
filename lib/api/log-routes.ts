// Seed 001's site-log routes (production, received, equipment, manpower) from one definition each:
// list a site's rows with their catalogue names, create one row (atomic and idempotent through
// the table's create_*_batch), change and delete one row. RLS decides who may do what.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { authenticated, parseBody, parseQuery, type Supabase } from "@/lib/api/handler";
import { batchIdFor } from "@/lib/api/idempotency";
import { ApiError, fromPostgrest, fromZod, notFound } from "@/lib/errors";
import { logIdSchema, logQuerySchema } from "@/lib/validations/logs";
import { noQuerySchema } from "@/lib/validations/sites";

type Rpc = "create_production_batch" | "create_received_batch" | "create_equipment_log_batch" | "create_manpower_log_batch";
type Table = "production" | "received_materials" | "equipment_logs" | "manpower_logs";

export interface LogModule<Schema extends z.ZodObject> {
  table: Table;
  rpc: Rpc;
  /** Embedded catalogue rows, as seed 001 includes them. */
  embed: string;
  listKey: string;
  /** Key of the created row in POST's body; null when seed 001 returns the row itself. */
  itemKey: string | null;
  schema: Schema;
  label: string;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Rows in seed 001's camelCase (its Prisma client's shape), embedded objects included. */
export function toCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamel);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camel(key), toCamel(inner)]));
}

const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const toSnake = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined).map(([key, value]) => [snake(key), value]));

async function readOne(supabase: Supabase, module: LogModule<z.ZodObject>, id: string) {
  const { data, error } = await supabase.from(module.table).select(`*, ${module.embed}`).eq("id", id).maybeSingle();
  if (error) throw fromPostgrest(error, module.label);
  if (!data) throw notFound(module.label);
  return toCamel(data);
}

export function logRoutes<Schema extends z.ZodObject>(module: LogModule<Schema>) {
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
    const input = await parseBody(request, module.schema);
    const batchId = batchIdFor(userId, request.headers.get("idempotency-key"), undefined) ?? randomUUID();
    const { data, error } = await supabase.rpc(module.rpc, { rows: [toSnake(input as Record<string, unknown>)] as never, batch_id: batchId });
    if (error) throw fromPostgrest(error, module.label);
    const [created] = (data ?? []) as unknown as Array<{ id: string }>;
    const row = await readOne(supabase, module as unknown as LogModule<z.ZodObject>, created!.id);
    return NextResponse.json(module.itemKey ? { [module.itemKey]: row } : row, { status: 201 });
  });

  const idOf = (params: { id: string }) => {
    const parsed = logIdSchema.safeParse(params);
    if (!parsed.success) throw fromZod(parsed.error, "The id is not valid.");
    return parsed.data.id;
  };
  const ensureVisible = async (supabase: Supabase, id: string) => {
    await readOne(supabase, module as unknown as LogModule<z.ZodObject>, id);
  };

  const PATCH = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
    parseQuery(request, noQuerySchema);
    const id = idOf(params);
    const patch = await parseBody(request, module.schema.partial().omit({ siteId: true } as never));
    const changes = toSnake(patch as Record<string, unknown>);
    if (Object.keys(changes).length === 0) throw new ApiError("VALIDATION_ERROR", "Send at least one field to change.");
    const { data, error } = await supabase.from(module.table).update(changes as never).eq("id", id).select("id");
    if (error) throw fromPostgrest(error, module.label);
    if (data.length === 0) {
      await ensureVisible(supabase, id);
      throw new ApiError("FORBIDDEN", `You cannot change this ${module.label.toLowerCase()}.`);
    }
    return NextResponse.json({ [module.itemKey ?? "data"]: await readOne(supabase, module as unknown as LogModule<z.ZodObject>, id) });
  });

  const DELETE = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
    parseQuery(request, noQuerySchema);
    const id = idOf(params);
    const { data, error } = await supabase.from(module.table).delete().eq("id", id).select("id");
    if (error) throw fromPostgrest(error, module.label);
    if (data.length === 0) {
      await ensureVisible(supabase, id);
      throw new ApiError("FORBIDDEN", `Only a manager of the site can delete this ${module.label.toLowerCase()}.`);
    }
    return NextResponse.json({ success: true });
  });

  return { GET, POST, PATCH, DELETE };
}
