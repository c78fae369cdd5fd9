// RLS, cell by cell: every role × every table × select / insert / update / delete, as the users
// themselves through supabase-js. A member of site A is "manager" etc.; "outsider" manages site B.
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { beforeAll, describe, expect, it } from "vitest";
import { sql, withDb } from "../helpers/db";
import {
  addMember,
  catalogueId,
  createEquipment,
  createSite,
  createUser,
  dispatchRow,
  insertRows,
  memberOf,
  type SiteRow,
  type TestUser,
} from "../helpers/factories";
import { anonClient } from "../helpers/supabase";

const ACTORS = ["admin", "manager", "operator", "viewer", "outsider", "anon"] as const;
type Actor = (typeof ACTORS)[number];
const OPERATIONS = ["select", "insert", "update", "delete"] as const;
type Operation = (typeof OPERATIONS)[number];

interface World {
  site: SiteRow;
  users: Record<Exclude<Actor, "anon">, TestUser>;
  materialId: string;
  roleId: string;
  equipmentId: string;
}

/** How to make a row of a table, who owns it, and what to change in it. */
interface TableSpec {
  key?: string;
  /** A fresh existing row, made by the system for the operator at site A; returns its key. */
  existing(world: World): Promise<string | number>;
  /** A new row an actor tries to insert. */
  newRow(world: World, actor: Actor): Promise<Record<string, unknown>> | Record<string, unknown>;
  patch: Record<string, unknown>;
  allowed: Record<Operation, readonly Actor[]>;
  /** Runs before each operation's attempts (which run at once), e.g. to stay under a per-user limit. */
  beforeOperation?(world: World): Promise<void>;
}

const everyone: readonly Actor[] = ["admin", "manager", "operator", "viewer", "outsider"];
const siteMembers: readonly Actor[] = ["admin", "manager", "operator", "viewer"];
const siteWriters: readonly Actor[] = ["admin", "manager", "operator"];
const siteManagers: readonly Actor[] = ["admin", "manager"];
const adminOnly: readonly Actor[] = ["admin"];
const nobody: readonly Actor[] = [];

const unique = () => randomUUID().slice(0, 8).toUpperCase();
// Machine and crew logs are unique per day: every row here gets a day of its own.
let dayCounter = 0;
const uniqueDay = () => new Date(Date.UTC(2000, 0, 1) + (dayCounter += 1) * 86_400_000).toISOString().slice(0, 10);

async function one(table: string, row: Record<string, unknown>, key = "id"): Promise<string> {
  const [inserted] = await insertRows<Record<string, string>>(table, [row]);
  return inserted![key]!;
}

function operational(table: string, row: (world: World) => Record<string, unknown>, patch: Record<string, unknown>): TableSpec {
  return {
    existing: async (world) => one(table, { ...row(world), created_by: world.users.operator.id }),
    newRow: (world) => row(world),
    patch,
    allowed: { select: siteMembers, insert: siteWriters, update: siteWriters, delete: siteManagers },
  };
}

const TABLES: Record<string, TableSpec> = {
  sites: {
    // A fresh site with the same people as site A, so deleting it is possible.
    existing: async (world) => {
      const site = await createSite();
      for (const role of ["manager", "operator", "viewer"] as const) await addMember(site.id, world.users[role].id, role);
      return site.id;
    },
    newRow: () => ({ code: `N-${unique()}`, name: "New site" }),
    patch: { name: "Renamed site" },
    allowed: { select: siteMembers, insert: adminOnly, update: siteManagers, delete: adminOnly },
  },
  profiles: {
    // A new colleague: a user who works at site A as an operator.
    existing: async (world) => (await memberOf(world.site.id, "operator", "colleague")).id,
    newRow: () => ({ id: randomUUID(), ops_id: `OPS-${unique()}` }),
    patch: { first_name: "Renamed" },
    allowed: { select: siteMembers, insert: nobody, update: adminOnly, delete: adminOnly },
  },
  site_members: {
    key: "user_id",
    existing: async (world) => (await memberOf(world.site.id, "viewer", "member")).id,
    newRow: async (world) => ({ site_id: world.site.id, user_id: (await createUser("joiner")).id, role: "viewer" }),
    patch: { role: "operator" },
    allowed: { select: siteMembers, insert: siteManagers, update: siteManagers, delete: siteManagers },
  },
  clusters: {
    existing: async () => one("clusters", { name: `Cluster ${unique()}`, region: "NCR" }),
    newRow: () => ({ name: `Cluster ${unique()}`, region: "NCR" }),
    patch: { region: "North Luzon" },
    allowed: { select: everyone, insert: adminOnly, update: adminOnly, delete: adminOnly },
  },
  processors: {
    existing: async () => one("processors", { name: `Processor ${unique()}`, region: "NCR" }),
    newRow: () => ({ name: `Processor ${unique()}`, region: "NCR" }),
    patch: { region: "North Luzon" },
    allowed: { select: everyone, insert: adminOnly, update: adminOnly, delete: adminOnly },
  },
  materials: {
    existing: async () => one("materials", { code: `M-${unique()}`, name: "Test material", category: "product" }),
    newRow: () => ({ code: `M-${unique()}`, name: "New material", category: "product" }),
    patch: { name: "Renamed material" },
    allowed: { select: everyone, insert: adminOnly, update: adminOnly, delete: adminOnly },
  },
  manpower_roles: {
    existing: async () => one("manpower_roles", { code: `R-${unique()}`, name: "Test role" }),
    newRow: () => ({ code: `R-${unique()}`, name: "New role" }),
    patch: { name: "Renamed role" },
    allowed: { select: everyone, insert: adminOnly, update: adminOnly, delete: adminOnly },
  },
  equipment: {
    existing: async (world) => createEquipment(world.site.id),
    newRow: (world) => ({ site_id: world.site.id, code: `EQ-${unique()}`, name: "New machine", type: "loader" }),
    patch: { name: "Renamed machine" },
    allowed: { select: siteMembers, insert: siteManagers, update: siteManagers, delete: siteManagers },
  },
  dispatches: operational("dispatches", (world) => dispatchRow(world.site.id), { remarks: "changed" }),
  production: operational(
    "production",
    (world) => ({ site_id: world.site.id, date: "2026-02-01", material_id: world.materialId, operation: "crushing", qty_ton: 10 }),
    { notes: "changed" },
  ),
  received_materials: operational(
    "received_materials",
    (world) => ({ site_id: world.site.id, date: "2026-02-01", material_id: world.materialId, qty_ton: 10 }),
    { notes: "changed" },
  ),
  equipment_logs: operational(
    "equipment_logs",
    (world) => ({ site_id: world.site.id, date: uniqueDay(), equipment_id: world.equipmentId, hours_run: 8 }),
    { notes: "changed" },
  ),
  manpower_logs: operational(
    "manpower_logs",
    (world) => ({ site_id: world.site.id, date: uniqueDay(), role_id: world.roleId, headcount: 2, hours: 16, shift: "night" }),
    { notes: "changed" },
  ),
  inventory_entries: operational(
    "inventory_entries",
    (world) => ({ site_id: world.site.id, date: "2026-02-01", material_id: world.materialId, kind: "adjustment", qty_ton: 1 }),
    { notes: "changed" },
  ),
  export_jobs: {
    existing: async (world) =>
      one("export_jobs", { user_id: world.users.operator.id, site_id: world.site.id, module: "dispatch", format: "csv", date_from: "2026-01-01", date_to: "2026-01-31" }),
    newRow: (world) => ({ site_id: world.site.id, module: "production", format: "xlsx", date_from: "2026-01-01", date_to: "2026-01-31" }),
    // A user has at most 5 jobs waiting or running (private.limit_active_exports).
    beforeOperation: async (world) => {
      await sql("update public.export_jobs set status = 'cancelled' where user_id = $1 and status in ('pending', 'processing')", [world.users.operator.id]);
    },
    patch: { status: "cancelled" },
    // Only the owner cancels (the one update a user may make); admins read and delete every job.
    allowed: { select: ["admin", "operator"], insert: siteMembers, update: ["operator"], delete: ["admin", "operator"] },
  },
  export_audit: {
    existing: async (world) => {
      const jobId = await TABLES.export_jobs!.existing(world);
      return one("export_audit", { job_id: jobId, site_id: world.site.id, user_id: world.users.operator.id, module: "dispatch" });
    },
    newRow: async (world) => ({
      job_id: await TABLES.export_jobs!.existing(world),
      site_id: world.site.id,
      user_id: world.users.operator.id,
      module: "dispatch",
    }),
    patch: { download_count: 5 },
    allowed: { select: ["admin", "manager", "operator"], insert: nobody, update: nobody, delete: nobody },
  },
  sheets_outbox: {
    key: "event_id",
    existing: async () => one("sheets_outbox", { row_id: randomUUID(), action: "insert", payload: {} }, "event_id"),
    newRow: () => ({ row_id: randomUUID(), action: "insert", payload: {} }),
    patch: { attempts: 1 },
    allowed: { select: adminOnly, insert: nobody, update: nobody, delete: nobody },
  },
  audit_log: {
    // The trail of a dispatch at site A.
    existing: async (world) => {
      const dispatchId = await TABLES.dispatches!.existing(world);
      const [entry] = await sql<{ id: string }>("select id::text from public.audit_log where row_id = $1", [dispatchId]);
      return Number(entry!.id);
    },
    newRow: (world) => ({ table_name: "dispatches", row_id: randomUUID(), site_id: world.site.id, action: "insert", new_row: {} }),
    patch: { table_name: "forged" },
    allowed: { select: siteManagers, insert: nobody, update: nobody, delete: nobody },
  },
};

let world: World;

beforeAll(async () => {
  const site = await createSite();
  const outsiderSite = await createSite();
  const [admin, manager, operator, viewer, outsider] = await Promise.all([
    createUser("admin", { admin: true }),
    memberOf(site.id, "manager"),
    memberOf(site.id, "operator"),
    memberOf(site.id, "viewer"),
    memberOf(outsiderSite.id, "manager", "outsider"),
  ]);
  world = {
    site,
    users: { admin, manager, operator, viewer, outsider },
    materialId: await catalogueId("materials", "RA-0-5"),
    roleId: await catalogueId("manpower_roles", "DRIVER"),
    equipmentId: await createEquipment(site.id),
  };
}, 60_000);

const clientOf = (actor: Actor): SupabaseClient => (actor === "anon" ? anonClient() : world.users[actor].client);

/** True if the actor could do the operation; a refusal by RLS or a grant is false. */
async function attempt(table: string, spec: TableSpec, actor: Actor, operation: Operation): Promise<boolean> {
  const key = spec.key ?? "id";
  const client = clientOf(actor);
  if (operation === "insert") {
    const { error } = await client.from(table).insert(await spec.newRow(world, actor));
    return error === null;
  }
  const existing = await spec.existing(world);
  const filter = key === "user_id" ? { site_id: world.site.id, user_id: existing } : { [key]: existing };
  const query =
    operation === "select"
      ? client.from(table).select()
      : operation === "update"
        ? client.from(table).update(spec.patch).select()
        : client.from(table).delete().select();
  const { data, error } = await query.match(filter);
  return error === null && (data?.length ?? 0) === 1;
}

describe("db: access matrix", () => {
  it("covers every table in public, and every one of them has RLS", async () => {
    // Test-only fixtures (tests/fixtures/*.sql) say so in their comment and are not part of the product.
    const tables = await sql<{ name: string; rls: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
          and coalesce(obj_description(c.oid, 'pg_class'), '') not like 'Test-only%'
        order by 1`,
    );
    expect(tables.map((table) => table.name)).toEqual(Object.keys(TABLES).sort());
    expect(tables.filter((table) => !table.rls).map((table) => table.name)).toEqual([]);
  });

  for (const [table, spec] of Object.entries(TABLES)) {
    it(`${table}: every role × select / insert / update / delete`, async () => {
      const actual: Record<string, Actor[]> = {};
      for (const operation of OPERATIONS) {
        await spec.beforeOperation?.(world);
        const outcomes = await Promise.all(ACTORS.map((actor) => attempt(table, spec, actor, operation)));
        actual[operation] = ACTORS.filter((_, index) => outcomes[index]);
      }
      const expected = Object.fromEntries(OPERATIONS.map((operation) => [operation, [...spec.allowed[operation]]]));
      expect(actual).toEqual(expected);
    });
  }

  it("gives the anon key nothing in public: no table, view, sequence or function", async () => {
    const granted = await sql<{ name: string }>(
      `select c.relname as name from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S')
          and coalesce(obj_description(c.oid, 'pg_class'), '') not like 'Test-only%'
          and (has_table_privilege('anon', c.oid, 'select, insert, update, delete') or (c.relkind = 'S' and has_sequence_privilege('anon', c.oid, 'usage')))
       union all
       select p.oid::regprocedure::text from pg_proc p
        where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'execute')
          and coalesce(obj_description(p.oid, 'pg_proc'), '') not like 'Test-only%'`,
    );
    expect(granted).toEqual([]);
    const { error } = await anonClient().from("dispatches").select("id").limit(1);
    expect(error?.code).toBe("42501");
    // Tomorrow's tables get no grant either (default privileges). A function gets EXECUTE for
    // PUBLIC from Postgres itself, whatever the schema's defaults: a migration revokes it, and
    // the query above fails the day one forgets.
    await withDb(async (client) => {
      await client.query("begin");
      await client.query("create table public.anon_probe (id int primary key)");
      const { rows } = await client.query<{ granted: boolean }>("select has_table_privilege('anon', 'public.anon_probe', 'select') as granted");
      await client.query("rollback");
      expect(rows[0]?.granted).toBe(false);
    });
  });

  it("operators edit only their own dispatches, and only while pending", async () => {
    const { operator, manager } = world.users;
    const [ownPending, ownOngoing, managers] = await insertRows<{ id: string }>("dispatches", [
      dispatchRow(world.site.id, { created_by: operator.id }),
      dispatchRow(world.site.id, { created_by: operator.id, status: "ongoing" }),
      dispatchRow(world.site.id, { created_by: manager.id }),
    ]);
    const edit = async (id: string) =>
      (await operator.client.from("dispatches").update({ remarks: "edited" }).eq("id", id).select()).data?.length ?? 0;
    expect(await edit(ownPending!.id)).toBe(1);
    expect(await edit(ownOngoing!.id)).toBe(0);
    expect(await edit(managers!.id)).toBe(0);
  });

  it("nobody but an admin makes someone an admin", async () => {
    const { operator, admin } = world.users;
    const selfPromotion = await operator.client.from("profiles").update({ is_admin: true }).eq("id", operator.id).select();
    expect(selfPromotion.error?.code).toBe("42501");
    const byAdmin = await admin.client.from("profiles").update({ is_admin: true }).eq("id", world.users.viewer.id).select("is_admin");
    expect(byAdmin.data).toEqual([{ is_admin: true }]);
    await admin.client.from("profiles").update({ is_admin: false }).eq("id", world.users.viewer.id);
  });

  it("a user whose profile changes can still edit their own name", async () => {
    const { operator } = world.users;
    const renamed = await operator.client.from("profiles").update({ first_name: "Otto" }).eq("id", operator.id).select("first_name");
    expect(renamed.data).toEqual([{ first_name: "Otto" }]);
  });
});
