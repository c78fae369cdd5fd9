// The Sheets sync page's requests, on the same queries and schemas as the /api/sheets routes.
import "server-only";
import { runAction } from "@/lib/actions/run";
import { PAGES } from "@/lib/navigation";
import { backfillSheets, replayDeadSheetsEvents, sheetsSyncStatus } from "@/lib/queries/sheets";
import { reconcileSheet, syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { backfillSheetsSchema } from "@/lib/validations/sheets";

const SHEETS_PAGES = [PAGES.sheets];

export const readSheetsStatusAction = () => runAction("read sheets status", [], async (supabase) => ({ status: await sheetsSyncStatus(supabase) }));

export function replaySheetsAction() {
  return runAction("replay sheets events", SHEETS_PAGES, async (supabase) => {
    const replayed = await replayDeadSheetsEvents(supabase);
    syncSheetsAfterResponse();
    return { replayed };
  });
}

export function backfillSheetsAction(input: unknown) {
  return runAction("backfill sheets", SHEETS_PAGES, async (supabase) => {
    const queued = await backfillSheets(supabase, backfillSheetsSchema.parse(input));
    syncSheetsAfterResponse();
    return { queued };
  });
}

export function reconcileSheetsAction() {
  return runAction("reconcile sheets", SHEETS_PAGES, async (supabase) => {
    // Admins and managers only: the status read refuses everyone else.
    await sheetsSyncStatus(supabase);
    return { report: await reconcileSheet() };
  });
}
