// The catalogue for pickers and autocomplete (seed 000's lookups). Shared lookups (clusters,
// processors, materials, manpower roles) are the same for every signed-in user, so they are cached
// in the Next.js data cache, tagged per lookup; site-scoped ones (equipment, sites) are read as the
// user, under RLS. A cached copy is keyed by its table's version (lookup_version(), renewed by the
// database on every change), so a change made anywhere shows on the next request.
import "server-only";
import { unstable_cache } from "next/cache";
import { fromPostgrest } from "@/lib/errors";
import { createAdminClient } from "@/lib/supabase/admin";
import type { Supabase } from "@/lib/supabase/types";
import type { LookupKind, LookupQuery } from "@/lib/validations/lookups";

const LIMIT = 50;
/** PostgREST's max_rows: more clusters or processors than a company has; the search runs on these. */
const CATALOGUE_LIMIT = 1000;
const CACHE_SECONDS = 300;
// Seed 000: a cluster search starts at 3 characters, a processor search at 2.
const MIN_SEARCH = { clusters: 3, processors: 2 } as const;

const lookupTag = (kind: LookupKind) => `lookups:${kind}`;

type SharedKind = "clusters" | "processors" | "materials" | "manpower-roles";

/**
 * A shared lookup's whole table (a few hundred rows at most). One cached copy per table version,
 * whatever the query: keying the cache by ?q= made it grow by one entry for every distinct search,
 * which anyone could fill (issue 16); the search runs on the cached rows instead.
 */
async function wholeTable(kind: SharedKind) {
  // No cookies inside a cache: the rows are the same for every signed-in user (RLS: "read by
  // signed-in users"), so they are read with the service role, and only after the caller was
  // authenticated by the route.
  const admin = createAdminClient();
  if (kind === "materials") {
    const { data, error } = await admin.from("materials").select("id, code, name, category, uom").eq("is_active", true).order("code");
    if (error) throw fromPostgrest(error, "The materials");
    return { kind, rows: data };
  }
  if (kind === "manpower-roles") {
    const { data, error } = await admin.from("manpower_roles").select("id, code, name").order("code");
    if (error) throw fromPostgrest(error, "The roles");
    return { kind, rows: data };
  }
  const { data, error } = await admin.from(kind).select("id, name, region").order("name").limit(CATALOGUE_LIMIT);
  if (error) throw fromPostgrest(error, `The ${kind}`);
  return { kind, rows: data };
}

/** Seed 000's search on a cached catalogue: by region, and by name (case-insensitive, from a few characters), 50 at most. */
function search<Row extends { name: string; region: string }>(rows: Row[], kind: "clusters" | "processors", query: LookupQuery): Row[] {
  const words = query.q && query.q.length >= MIN_SEARCH[kind] ? query.q.toLowerCase() : null;
  return rows.filter((row) => (!query.region || row.region === query.region) && (!words || row.name.toLowerCase().includes(words))).slice(0, LIMIT);
}

export async function lookup(supabase: Supabase, kind: LookupKind, query: LookupQuery) {
  if (kind === "equipment") {
    let select = supabase.from("equipment").select("id, site_id, code, name, type, hours_available_per_day").eq("is_active", true).order("code");
    if (query.siteId) select = select.eq("site_id", query.siteId);
    const { data, error } = await select;
    if (error) throw fromPostgrest(error, "The equipment");
    return data;
  }
  if (kind === "sites") {
    const { data, error } = await supabase.from("sites").select("id, code, name, region, timezone").eq("is_active", true).order("name");
    if (error) throw fromPostgrest(error, "The sites");
    return data;
  }
  const { data: version, error } = await supabase.rpc("lookup_version", { kind });
  if (error) throw fromPostgrest(error, `The ${kind}`);
  const table = await unstable_cache(() => wholeTable(kind), ["lookups", kind, String(version)], { tags: [lookupTag(kind)], revalidate: CACHE_SECONDS })();
  return table.kind === "clusters" || table.kind === "processors" ? search(table.rows, table.kind, query) : table.rows;
}

/** The regions dispatches are filed under (the clusters' regions), for filters. */
export async function regions(supabase: Supabase): Promise<string[]> {
  const { data, error } = await supabase.from("clusters").select("region").order("region").limit(1000);
  if (error) throw fromPostgrest(error, "The regions");
  return [...new Set(data.map((row) => row.region))];
}

/** Every cluster or processor name, for the grid's suggestions (a few hundred at most). */
export async function catalogueNames(supabase: Supabase, kind: "clusters" | "processors"): Promise<Array<{ id: string; name: string }>> {
  const { data, error } = await supabase.from(kind).select("id, name").order("name").limit(1000);
  if (error) throw fromPostgrest(error, `The ${kind}`);
  const seen = new Set<string>();
  return data.filter((row) => !seen.has(row.name) && Boolean(seen.add(row.name)));
}

/** The active materials as a filter lists them (cached like every shared lookup). */
export async function materialChoices(supabase: Supabase): Promise<Array<{ id: string; name: string }>> {
  const materials = await lookup(supabase, "materials", {});
  return materials.map((material) => ({ id: material.id, name: material.name })).sort((a, b) => a.name.localeCompare(b.name));
}
