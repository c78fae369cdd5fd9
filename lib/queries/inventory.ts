// Inventory in seed 001's snapshot shape, computed by the inventory_ledger view; what people
// record goes to inventory_entries.
import type { Supabase } from "@/lib/api/handler";
import { fromPostgrest, notFound } from "@/lib/errors";

interface LedgerRow {
  site_id: string;
  material_id: string;
  day: string;
  opening_ton: number;
  produced_ton: number;
  received_ton: number;
  dispatched_ton: number;
  adjustment_ton: number;
  counted_ton: number | null;
  closing_ton: number;
}

interface Query {
  siteId: string;
  dateFrom?: string;
  dateTo?: string;
  limit: number;
  offset: number;
}

export async function inventorySnapshots(supabase: Supabase, query: Query) {
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
  return ((ledger.data ?? []) as unknown as LedgerRow[]).map((row) => ({
    id: `${row.site_id}:${row.material_id}:${row.day}`,
    siteId: row.site_id,
    date: row.day,
    materialId: row.material_id,
    openingTon: Number(row.opening_ton),
    producedTon: Number(row.produced_ton),
    receivedTon: Number(row.received_ton),
    dispatchedTon: Number(row.dispatched_ton),
    adjustmentTon: Number(row.adjustment_ton),
    closingTon: Number(row.closing_ton),
    countedTon: row.counted_ton === null ? null : Number(row.counted_ton),
    material: byId.get(row.material_id) ?? null,
    site: site.data,
  }));
}

export interface EntryInput {
  siteId: string;
  date: string;
  materialId: string;
  openingTon: number;
  adjustmentTon: number;
  closingTon?: number;
  notes?: string | null;
}

/** Records the entries in one statement (all or nothing) and answers with the day's ledger row. */
export async function recordInventory(supabase: Supabase, input: EntryInput) {
  const base = { site_id: input.siteId, date: input.date, material_id: input.materialId, notes: input.notes ?? null };
  const entries = [
    ...(input.openingTon > 0 ? [{ ...base, kind: "opening", qty_ton: input.openingTon }] : []),
    ...(input.adjustmentTon !== 0 ? [{ ...base, kind: "adjustment", qty_ton: input.adjustmentTon }] : []),
    ...(input.closingTon !== undefined ? [{ ...base, kind: "count", qty_ton: input.closingTon }] : []),
  ];
  const { error } = await supabase.from("inventory_entries").insert(entries);
  if (error) throw fromPostgrest(error, "An opening balance or count for that day");
  const day = await inventorySnapshots(supabase, { siteId: input.siteId, dateFrom: input.date, dateTo: input.date, limit: 1000, offset: 0 });
  return day.find((row) => row.materialId === input.materialId) ?? null;
}
