// What the bulk-entry grid asks of the server: save a batch of rows (idempotent by the grid's key,
// made per user like an Idempotency-Key header) and the saved rows a new row may duplicate.
import "server-only";
import { z } from "zod";
import { runAction } from "@/lib/actions/run";
import { LOG_GRID_NAMES, type LogGridName } from "@/lib/grid/modules";
import { batchIdFor } from "@/lib/idempotency";
import { LOG_PAGES, PAGES } from "@/lib/navigation";
import type { Supabase } from "@/lib/supabase/types";
import { dispatchTrips, saveDispatchBatch } from "@/lib/queries/dispatch";
import { equipmentLog, manpowerLog, productionLog, receivedLog, type LogModule, type LogTableName } from "@/lib/queries/log-modules";
import { saveLogBatch } from "@/lib/queries/logs";
import { calendarDay } from "@/lib/validations/common";
import { MAX_BATCH_ROWS } from "@/lib/constants";
import { bulkDispatchSchema } from "@/lib/validations/dispatch";

const gridKeySchema = z.string().min(1).max(200);
const MAX_DAYS = 370;

/** The grid's key as a batch id, per user, as an Idempotency-Key header is made one. */
function gridBatchId(userId: string, key: string): string {
  const batchId = batchIdFor(userId, key, undefined);
  if (!batchId) throw new Error("A grid batch needs a key"); // the schema requires one
  return batchId;
}

export function saveDispatchRowsAction(input: unknown) {
  return runAction("save dispatch rows", [PAGES.dashboard, PAGES.dispatch], async (supabase, userId) => {
    const { key, ...body } = bulkDispatchSchema.extend({ key: gridKeySchema }).parse(input);
    return { saved: await saveDispatchBatch(supabase, body.rows, gridBatchId(userId, key)) };
  });
}

const tripsQuerySchema = z.strictObject({ siteId: z.uuid(), days: z.array(calendarDay).min(1).max(MAX_DAYS) });

export function dispatchTripsAction(input: unknown) {
  return runAction("read dispatch trips", [], async (supabase) => {
    const { siteId, days } = tripsQuerySchema.parse(input);
    return { trips: await dispatchTrips(supabase, siteId, days) };
  });
}

/** The grid's module names for the site logs (lib/grid/modules.ts), each to its log. */
const LOGS: Record<LogGridName, LogModule<LogTableName, unknown, unknown>> = { production: productionLog, received: receivedLog, equipment: equipmentLog, manpower: manpowerLog };
const logNameSchema = z.enum(LOG_GRID_NAMES);

async function saveLog<Insert>(supabase: Supabase, userId: string, module: LogModule<LogTableName, unknown, Insert>, input: unknown) {
  const { key, rows } = z.strictObject({ key: gridKeySchema, rows: z.array(module.createSchema).min(1).max(MAX_BATCH_ROWS) }).parse(input);
  return { saved: await saveLogBatch(supabase, module, rows, gridBatchId(userId, key)) };
}

export function saveLogRowsAction(log: unknown, input: unknown) {
  const name = logNameSchema.safeParse(log);
  const pages = name.success ? [PAGES.dashboard, LOG_PAGES[LOGS[name.data].table]] : [];
  return runAction("save log rows", pages, (supabase, userId) => saveLog<unknown>(supabase, userId, LOGS[logNameSchema.parse(log)], input));
}
