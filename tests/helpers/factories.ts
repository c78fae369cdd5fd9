// Test data factories: each call makes fresh rows, so every test arranges what it needs and can
// run alone. Writes go through the service role (RLS does not apply); the tests then act as users.
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { SiteRole } from "@/lib/constants";
import { SEEDED_PASSWORD } from "@/local/session-cookies";
import { TEST_PASSWORD, anonClient, serviceClient, uniqueEmail } from "./supabase";

export { SEEDED_PASSWORD };

export interface TestUser {
  id: string;
  email: string;
  client: SupabaseClient;
}

function unwrap<T>(result: { data: T | null; error: { message: string } | null }, what: string): T {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  return result.data as T;
}

export async function createUser(label = "user", options: { admin?: boolean } = {}): Promise<TestUser> {
  const email = uniqueEmail(label);
  const created = await serviceClient().auth.admin.createUser({ email, password: TEST_PASSWORD, email_confirm: true });
  if (created.error) throw created.error;
  const id = created.data.user.id;
  if (options.admin) {
    unwrap(await serviceClient().from("profiles").update({ is_admin: true }).eq("id", id).select(), "make admin");
  }
  const client = anonClient();
  const signIn = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
  if (signIn.error) throw signIn.error;
  return { id, email, client };
}

export async function signInSeeded(email: string): Promise<TestUser> {
  const client = anonClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password: SEEDED_PASSWORD });
  if (error) throw error;
  return { id: data.user.id, email, client };
}

export interface SiteRow {
  id: string;
  code: string;
  timezone: string;
}

export async function createSite(overrides: Partial<{ timezone: string; name: string }> = {}): Promise<SiteRow> {
  const code = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
  return unwrap(
    await serviceClient()
      .from("sites")
      .insert({ code, name: overrides.name ?? `Test site ${code}`, timezone: overrides.timezone ?? "UTC" })
      .select("id, code, timezone")
      .single(),
    "create site",
  ) as SiteRow;
}

export async function addMember(siteId: string, userId: string, role: SiteRole): Promise<void> {
  unwrap(await serviceClient().from("site_members").insert({ site_id: siteId, user_id: userId, role }).select(), "add member");
}

export async function memberOf(siteId: string, role: SiteRole, label: string = role): Promise<TestUser> {
  const user = await createUser(label);
  await addMember(siteId, user.id, role);
  return user;
}

const catalogueIds = new Map<string, string>();

/** The id of a seeded catalogue row (materials, manpower_roles) by its code. */
export async function catalogueId(table: "materials" | "manpower_roles", code: string): Promise<string> {
  const key = `${table}:${code}`;
  const cached = catalogueIds.get(key);
  if (cached) return cached;
  const row = unwrap(await serviceClient().from(table).select("id").eq("code", code).single(), `${table} ${code}`) as { id: string };
  catalogueIds.set(key, row.id);
  return row.id;
}

export async function createEquipment(siteId: string, hoursAvailable = 20): Promise<string> {
  const code = `EQ-${randomUUID().slice(0, 6).toUpperCase()}`;
  const row = unwrap(
    await serviceClient()
      .from("equipment")
      .insert({ site_id: siteId, code, name: `Machine ${code}`, type: "crusher", hours_available_per_day: hoursAvailable })
      .select("id")
      .single(),
    "create equipment",
  ) as { id: string };
  return row.id;
}

/** Inserts rows with the service role and returns them. */
export async function insertRows<T extends Record<string, unknown>>(
  table: string,
  rows: Record<string, unknown>[],
): Promise<T[]> {
  return unwrap(await serviceClient().from(table).insert(rows, { defaultToNull: false }).select(), `insert ${table}`) as T[];
}

export function dispatchRow(siteId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    site_id: siteId,
    cluster: "Pasig Cluster A",
    processor: "Pasig Processing Center",
    station: "Pasig Station",
    region: "NCR",
    dock_number: "D-01",
    ...overrides,
  };
}

export interface Crew {
  site: SiteRow;
  manager: TestUser;
  operator: TestUser;
  viewer: TestUser;
}

/** A fresh site with a manager, an operator and a viewer: a test's own data, untouched by others. */
export async function crewSite(timezone = "UTC"): Promise<Crew> {
  const site = await createSite({ timezone });
  const [manager, operator, viewer] = await Promise.all([memberOf(site.id, "manager"), memberOf(site.id, "operator"), memberOf(site.id, "viewer")]);
  return { site, manager, operator, viewer };
}
