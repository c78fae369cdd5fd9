// Sites, as the signed-in user may see them (RLS decides).
import { camelKeys } from "@/lib/case";
import { fromPostgrest, notFound } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";
import type { CreateSiteInput } from "@/lib/validations/sites";

export async function listActiveSites(supabase: Supabase) {
  const { data, error } = await supabase
    .from("sites")
    .select("id, code, name, location, timezone, created_at")
    .eq("is_active", true)
    .order("name");
  if (error) throw fromPostgrest(error, "The site");
  return camelKeys(data);
}

const SITE_COLUMNS = "id, code, name, location, region, timezone, is_active, created_at, updated_at";

export async function createSite(supabase: Supabase, input: CreateSiteInput) {
  const { data, error } = await supabase
    .from("sites")
    .insert({ code: input.code, name: input.name, location: input.location, region: input.region, timezone: input.timezone })
    .select(SITE_COLUMNS)
    .single();
  if (error) throw fromPostgrest(error, `A site with code ${input.code}`);
  return camelKeys(data);
}

/** A site with seed 001's per-module counts. */
export async function getSiteWithCounts(supabase: Supabase, siteId: string) {
  const { data, error } = await supabase
    .from("sites")
    .select(`${SITE_COLUMNS}, production(count), dispatches(count), received_materials(count), inventory_entries(count)`)
    .eq("id", siteId)
    .maybeSingle();
  if (error) throw fromPostgrest(error, "The site");
  if (!data) throw notFound("The site");
  const { production, dispatches, received_materials: received, inventory_entries: inventory, ...site } = data;
  return {
    ...camelKeys(site),
    _count: {
      productions: production[0]?.count ?? 0,
      dispatches: dispatches[0]?.count ?? 0,
      receivedMaterials: received[0]?.count ?? 0,
      inventorySnapshots: inventory[0]?.count ?? 0,
    },
  };
}

/** Every site the caller may see, active or not, with how many people work there. */
export async function listSitesWithMembers(supabase: Supabase) {
  const { data, error } = await supabase.from("sites").select(`${SITE_COLUMNS}, site_members(count)`).order("name");
  if (error) throw fromPostgrest(error, "The site");
  return data.map(({ site_members: members, ...site }) => ({ ...site, members: members[0]?.count ?? 0 }));
}
