// The activity feed (recent_activity: the audit log, as members may see it) and one row's history.
import type { AuditedTable } from "@/lib/constants";
import { fromPostgrest, internalError } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";
import { activityEntrySchema, type ActivityEntry } from "@/lib/validations/activity";

export type { ActivityEntry };

/**
 * The newest entries of the sites (all the caller may read when `siteIds` is null), newest
 * first; with `afterId`, only those written after it (a feed catching up after a lost connection).
 */
export async function recentActivity(supabase: Supabase, siteIds: string[] | null, afterId?: number, max = 10): Promise<ActivityEntry[]> {
  const { data, error } = await supabase.rpc("recent_activity", {
    ...(siteIds ? { site_ids: siteIds } : {}),
    ...(afterId === undefined ? {} : { after_id: afterId }),
    max_entries: max,
  });
  if (error) throw fromPostgrest(error, "The activity");
  return data.map((row) => activityEntrySchema.parse(row.entry));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export interface HistoryEntry {
  id: number;
  action: string;
  at: string;
  actor: string | null;
  /** Fields that changed: [field, before, after]. */
  changes: Array<[string, unknown, unknown]>;
  /** The row's site, as the entry recorded it. */
  siteId: string | null;
}

// Bookkeeping columns people do not need to see in a history.
const HIDDEN = new Set(["updated_at", "created_at", "batch_id", "row_no", "id", "site_id", "created_by", "completed_at"]);

/** A row's history, oldest first: who changed what and when. */
export async function rowHistory(supabase: Supabase, table: string, rowId: string): Promise<HistoryEntry[]> {
  const { data, error } = await supabase.rpc("row_history", { table_name: table, row_id: rowId });
  if (error) throw fromPostgrest(error, "The history");
  return data.map((row) => {
    const before = isRecord(row.old_row) ? row.old_row : {};
    const after = isRecord(row.new_row) ? row.new_row : {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !HIDDEN.has(field));
    const changes = fields
      .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
      .map((field): [string, unknown, unknown] => [field, before[field] ?? null, after[field] ?? null]);
    const siteId = after.site_id ?? before.site_id;
    return { id: row.id, action: row.action, at: row.at, actor: row.actor_name || row.actor_ops_id || null, changes, siteId: typeof siteId === "string" ? siteId : null };
  });
}

/**
 * Brings a deleted row back, whole, from its last audit entry (managers of its site and admins):
 * NOT_FOUND when there is nothing the caller may restore, DUPLICATE_RECORD when it is back already.
 */
export async function restoreDeletedRow(supabase: Supabase, table: AuditedTable, rowId: string): Promise<Record<string, unknown>> {
  const { data, error } = await supabase.rpc("restore_deleted_row", { table_name: table, row_id: rowId });
  if (error) throw fromPostgrest(error, "The deleted row");
  if (!isRecord(data)) throw internalError({ label: "restore_deleted_row", table, rowId, reason: "no row answered" });
  return data;
}
