// Inventory in seed 001's snapshot shape, computed by the inventory_ledger view; what people
// record goes to inventory_entries.
import { fromPostgrest, notFound } from "@/lib/errors";
import type { Supabase, Tables } from "@/lib/supabase/types";
import type { InventoryCorrection as Correction, InventoryEntry as EntryInput, SnapshotKey } from "@/lib/validations/inventory";
import type { LogQuery } from "@/lib/validations/logs";

// Views' columns are all nullable in the generated types; the ledger's never are but counted_ton.
const tonnes = (value: number | null) => Number(value ?? 0);

function snapshotOf(row: Tables<"inventory_ledger">) {
  return {
    id: `${row.site_id}:${row.material_id}:${row.day}`,
    siteId: row.site_id ?? "",
    date: row.day ?? "",
    materialId: row.material_id ?? "",
    openingTon: tonnes(row.opening_ton),
    producedTon: tonnes(row.produced_ton),
    receivedTon: tonnes(row.received_ton),
    dispatchedTon: tonnes(row.dispatched_ton),
    adjustmentTon: tonnes(row.adjustment_ton),
    closingTon: tonnes(row.closing_ton),
    countedTon: row.counted_ton === null ? null : Number(row.counted_ton),
  };
}

export async function inventorySnapshots(supabase: Supabase, query: LogQuery) {
  let select = supabase.from("inventory_ledger").select("*").eq("site_id", query.siteId);
  if (query.dateFrom) select = select.gte("day", query.dateFrom);
  if (query.dateTo) select = select.lte("day", query.dateTo);
  const [ledger, site, materials] = await Promise.all([
    select.order("day", { ascending: false }).order("material_id").range(query.offset, query.offset + query.limit - 1),
    supabase.from("sites").select("code, name").eq("id", query.siteId).maybeSingle(),
    supabase.from("materials").select("id, code, name, category, uom"),
  ]);
  for (const result of [ledger, site, materials]) if (result.error) throw fromPostgrest(result.error, "The site");
  if (!site.data) throw notFound("The site");
  const byId = new Map((materials.data ?? []).map(({ id, ...material }) => [id, material]));
  const siteData = site.data;
  return (ledger.data ?? []).map((row) => ({ ...snapshotOf(row), material: byId.get(row.material_id ?? "") ?? null, site: siteData }));
}

const BALANCE_LABEL = "An opening balance or count for that day";


/** Records the entries in one statement (all or nothing) and answers with the day's ledger row. */
export async function recordInventory(supabase: Supabase, input: EntryInput) {
  const base = { site_id: input.siteId, date: input.date, material_id: input.materialId, notes: input.notes ?? null };
  const entries = [
    ...(input.openingTon > 0 ? [{ ...base, kind: "opening", qty_ton: input.openingTon }] : []),
    ...(input.adjustmentTon !== 0 ? [{ ...base, kind: "adjustment", qty_ton: input.adjustmentTon }] : []),
    ...(input.closingTon !== undefined ? [{ ...base, kind: "count", qty_ton: input.closingTon }] : []),
  ];
  const { error } = await supabase.from("inventory_entries").insert(entries);
  if (error) throw fromPostgrest(error, BALANCE_LABEL);
  return snapshotFor(supabase, input);
}


async function snapshotFor(supabase: Supabase, key: SnapshotKey) {
  const day = await inventorySnapshots(supabase, { siteId: key.siteId, dateFrom: key.date, dateTo: key.date, limit: 1000, offset: 0 });
  return day.find((row) => row.materialId === key.materialId) ?? null;
}


/** Sets (or with null removes) what was recorded for one snapshot's day, in one transaction. */
async function setDay(supabase: Supabase, key: SnapshotKey, correction: Correction): Promise<number> {
  const changes = Object.fromEntries(
    Object.entries({ opening_ton: correction.openingTon, adjustment_ton: correction.adjustmentTon, count_ton: correction.closingTon, notes: correction.notes })
      .filter(([, value]) => value !== undefined),
  );
  const { data, error } = await supabase.rpc("set_inventory_day", { site_id: key.siteId, material_id: key.materialId, day: key.date, changes });
  // P0002: the caller cannot see the site; any other error is about the day's entries.
  if (error) throw error.code === "P0002" ? notFound("The site") : fromPostgrest(error, BALANCE_LABEL);
  return data;
}

export async function correctInventory(supabase: Supabase, key: SnapshotKey, correction: Correction) {
  await setDay(supabase, key, correction);
  return snapshotFor(supabase, key);
}

/** Removes everything recorded for the day; the logs' tonnes stay. 404 when nothing was. */
export async function clearInventoryDay(supabase: Supabase, key: SnapshotKey) {
  const removed = await setDay(supabase, key, { openingTon: null, adjustmentTon: null, closingTon: null });
  if (removed === 0) throw notFound("An inventory entry for that day");
}
