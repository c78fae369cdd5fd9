// The activity feed catching up after a lost connection (the entries written since the last one
// it saw, at the sites it shows), and a deleted row brought back from its history.
import "server-only";
import { z } from "zod";
import { runAction } from "@/lib/actions/run";
import { recentActivity, restoreDeletedRow } from "@/lib/queries/activity";
import { AUDITED_TABLES } from "@/lib/constants";
import { PAGES } from "@/lib/navigation";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { FEED_LENGTH } from "@/lib/activity/feed";

const catchUpSchema = z.object({
  siteIds: z.array(z.uuid()).max(500).nullable(),
  afterId: z.number().int().nonnegative().optional(),
});

export function readActivityAction(input: unknown) {
  return runAction("read activity", [], async (supabase) => {
    const { siteIds, afterId } = catchUpSchema.parse(input);
    return { entries: await recentActivity(supabase, siteIds, afterId, FEED_LENGTH) };
  });
}

const restoreSchema = z.strictObject({ table: z.enum(AUDITED_TABLES), id: z.uuid() });

/** A manager brings a deleted row back from its history (the dispatch panel's Restore). */
export function restoreRowAction(input: unknown) {
  return runAction("restore row", [PAGES.dispatch, PAGES.dashboard, PAGES.inventory], async (supabase) => {
    const { table, id } = restoreSchema.parse(input);
    const row = await restoreDeletedRow(supabase, table, id);
    if (table === "dispatches") syncSheetsAfterResponse();
    return { row };
  });
}
