// What the bulk-entry grid asks of the server: save a batch of rows (idempotent by the grid's key,
// made per user like an Idempotency-Key header) and the saved rows a new row may duplicate.
import "server-only";
import { z } from "zod";
import { runAction } from "@/lib/actions/run";
import { batchIdFor } from "@/lib/idempotency";
import { PAGES } from "@/lib/navigation";
import { dispatchTrips, saveDispatchBatch } from "@/lib/queries/dispatch";
import { calendarDay } from "@/lib/validations/common";
import { bulkDispatchSchema } from "@/lib/validations/dispatch";

const gridKeySchema = z.string().min(1).max(200);
const MAX_DAYS = 370;

export function saveDispatchRowsAction(input: unknown) {
  return runAction("save dispatch rows", [PAGES.dashboard, PAGES.dispatch], async (supabase, userId) => {
    const { key, ...body } = bulkDispatchSchema.extend({ key: gridKeySchema }).parse(input);
    const batchId = batchIdFor(userId, key, undefined);
    if (!batchId) throw new Error("A grid batch needs a key");
    return { saved: await saveDispatchBatch(supabase, body.rows, batchId) };
  });
}

const tripsQuerySchema = z.strictObject({ siteId: z.uuid(), days: z.array(calendarDay).min(1).max(MAX_DAYS) });

export function dispatchTripsAction(input: unknown) {
  return runAction("read dispatch trips", [], async (supabase) => {
    const { siteId, days } = tripsQuerySchema.parse(input);
    return { trips: await dispatchTrips(supabase, siteId, days) };
  });
}
