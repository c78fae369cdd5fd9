// Sites, as the signed-in user may see them (RLS decides).
import type { Supabase } from "@/lib/api/handler";
import { fromPostgrest, notFound } from "@/lib/errors";
import type { CreateSiteInput } from "@/lib/validations/sites";

interface SiteRow {
  id: string;
  code: string;
  name: string;
  location: string | null;
  timezone: string;
  created_at: string;
}

/** Seed 001's site shape (camelCase, as its Prisma client returned it). */
function toSite(row: SiteRow) {
  return { id: row.id, code: row.code, name: row.name, location: row.location, timezone: row.timezone, createdAt: row.created_at };
}

export async function listActiveSites(supabase: Supabase) {
  const { data, error } = await supabase
    .from("sites")
    .select("id, code, name, location, timezone, created_at")
    .eq("is_active", true)
    .order("name");
  if (error) throw fromPostgrest(error, "The site");
  return data.map(toSite);
}

export async function createSite(supabase: Supabase, input: CreateSiteInput) {
  const { data, error } = await supabase
    .from("sites")
    .insert({ code: input.code, name: input.name, location: input.location, region: input.region, timezone: input.timezone })
    .select("id, code, name, location, region, timezone, is_active, created_at, updated_at")
    .single();
  if (error) throw fromPostgrest(error, `A site with code ${input.code}`);
  return {
    id: data.id, code: data.code, name: data.name, location: data.location, region: data.region,
    timezone: data.timezone, isActive: data.is_active, createdAt: data.created_at, updatedAt: data.updated_at,
  };
}

/** A site with seed 001's per-module counts. */
export async function getSiteWithCounts(supabase: Supabase, siteId: string) {
  const { data, error } = await supabase
    .from("sites")
    .select(
      "id, code, name, location, region, timezone, is_active, created_at, updated_at, " +
        "production(count), dispatches(count), received_materials(count), inventory_entries(count)",
    )
    .eq("id", siteId)
    .maybeSingle();
  if (error) throw fromPostgrest(error, "The site");
  if (!data) throw notFound("The site");
  const row = data as unknown as SiteRow & {
    region: string | null; is_active: boolean; updated_at: string;
    production: [{ count: number }]; dispatches: [{ count: number }];
    received_materials: [{ count: number }]; inventory_entries: [{ count: number }];
  };
  return {
    ...toSite(row),
    region: row.region,
    isActive: row.is_active,
    updatedAt: row.updated_at,
    _count: {
      productions: row.production[0]?.count ?? 0,
      dispatches: row.dispatches[0]?.count ?? 0,
      receivedMaterials: row.received_materials[0]?.count ?? 0,
      inventorySnapshots: row.inventory_entries[0]?.count ?? 0,
    },
  };
}
