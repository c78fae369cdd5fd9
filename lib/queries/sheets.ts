// The Google Sheets sync as admins and managers see it: the outbox's counts and the drainer's last
// word (public.sheets_sync_status), and the two things they may do about it.
import { fromPostgrest } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";
import type { BackfillSheetsInput } from "@/lib/validations/sheets";

export interface SheetsSyncStatus {
  delivered: number;
  pending: number;
  failed: number;
  dead: number;
  oldestPendingAt: string | null;
  nextAttemptAt: string | null;
  lastDeliveredAt: string | null;
  lastDrainAt: string | null;
  /** Why events are waiting (say, no web app URL is configured), or null. */
  waitingReason: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastReconcileAt: string | null;
  lastReconcile: unknown;
}

const SYNC = "The Sheets sync";

export async function sheetsSyncStatus(supabase: Supabase): Promise<SheetsSyncStatus> {
  const { data, error } = await supabase.rpc("sheets_sync_status");
  if (error) throw fromPostgrest(error, SYNC);
  return data as unknown as SheetsSyncStatus;
}

/** Dead events back in the queue; how many. */
export async function replayDeadSheetsEvents(supabase: Supabase): Promise<number> {
  const { data, error } = await supabase.rpc("replay_dead_sheets_events");
  if (error) throw fromPostgrest(error, SYNC);
  return data;
}

/** Every dispatch of the range the caller manages, queued as an upsert; how many. */
export async function backfillSheets(supabase: Supabase, input: BackfillSheetsInput): Promise<number> {
  const { data, error } = await supabase.rpc("backfill_sheets", { date_from: input.dateFrom, date_to: input.dateTo });
  if (error) throw fromPostgrest(error, SYNC);
  return data;
}
