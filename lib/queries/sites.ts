// Sites, as the signed-in user may see them (RLS decides).
import { camelKeys } from "@/lib/case";
import { fromPostgrest, notFound } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";
import type { SiteRole } from "@/lib/constants";
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
  if (error) throw fromPostgrest(error, "A site"); // a clash says "… with the same code"
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

/** A site's people with their role (managers first), as the sites page lists them. */
export async function siteMembers(supabase: Supabase, siteId: string) {
  const { data, error } = await supabase
    .from("site_members")
    .select("user_id, role, created_at, person:profiles!site_members_user_id_fkey(ops_id, first_name, last_name)")
    .eq("site_id", siteId)
    .order("role")
    .order("created_at");
  if (error) throw fromPostgrest(error, "The site's members");
  return data;
}

/** Everyone the caller may see (admins: everyone), for adding to a site. */
export async function people(supabase: Supabase) {
  const { data, error } = await supabase.from("profiles").select("id, ops_id, first_name, last_name").order("first_name").limit(1000);
  if (error) throw fromPostgrest(error, "The people");
  return data;
}

export async function updateSite(supabase: Supabase, siteId: string, patch: { name?: string; location?: string; region?: string; timezone?: string; is_active?: boolean }) {
  const { data, error } = await supabase.from("sites").update(patch).eq("id", siteId).select("id");
  if (error) throw fromPostgrest(error, "The site");
  if (data.length === 0) throw notFound("The site");
}

/** Adds a person to a site, or changes their role there. */
export async function setSiteMember(supabase: Supabase, member: { siteId: string; userId: string; role: SiteRole }) {
  const { error } = await supabase.from("site_members").upsert({ site_id: member.siteId, user_id: member.userId, role: member.role }, { onConflict: "site_id,user_id" });
  if (error) throw fromPostgrest(error, "The membership");
}

export async function removeSiteMember(supabase: Supabase, member: { siteId: string; userId: string }) {
  const { data, error } = await supabase.from("site_members").delete().eq("site_id", member.siteId).eq("user_id", member.userId).select("user_id");
  if (error) throw fromPostgrest(error, "The membership");
  if (data.length === 0) throw notFound("The membership");
}
