// Who may do what, through the API: every route and method the app serves (read from app/api, so a
// new route fails here until it has a row) × viewer, operator, manager, a manager of another site
// and an admin. One table says what each role is answered; each cell is a real request against
// rows made for it. The same rules hold straight at PostgREST (db-access-matrix.test.ts); here the
// API must say them with the right status: what you cannot see is not found (404, or a list with
// none of it), what you may see but not change is forbidden (403), and so is writing to a site you
// are not a member of.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { catalogueId, createEquipment, createSite, createUser, dispatchRow, insertRows, memberOf, type SiteRow } from "../helpers/factories";
import { apiRoutes, fillPattern } from "../helpers/routes";
import { callApp, signInCookies, type Cookie } from "../helpers/session";
import { TEST_PASSWORD, serviceClient } from "../helpers/supabase";

const ROLES = ["viewer", "operator", "manager", "outsider", "admin"] as const;
type Role = (typeof ROLES)[number];

/** A status, or "empty": 200 with nothing of the site in the answer. */
type Answer = number | "empty";
type Json = Record<string, unknown>;

interface Probe {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}

interface Cell {
  /** Makes what one request needs (a fresh row to change or delete) and says how to address it. */
  probe: () => Promise<Probe>;
  expected: Record<Role, Answer>;
  /** The answer's items that belong to the site under test, for "empty". */
  items?: (body: Json) => unknown[];
}

// The rules of DESIGN.md's access model, once each.
const SITE_READ = { viewer: 200, operator: 200, manager: 200, outsider: 404, admin: 200 } as const;
const SITE_LIST = { ...SITE_READ, outsider: "empty" } as const;
const SITE_CREATE = { viewer: 403, operator: 201, manager: 201, outsider: 403, admin: 201 } as const;
const SITE_EDIT_OWN = { viewer: 403, operator: 200, manager: 200, outsider: 404, admin: 200 } as const;
const SITE_DELETE = { viewer: 403, operator: 403, manager: 200, outsider: 404, admin: 200 } as const;
const MANAGERS_ONLY = (status: number) => ({ viewer: 403, operator: 403, manager: status, outsider: status, admin: status });
const EVERYONE = (status: number) => ({ viewer: status, operator: status, manager: status, outsider: status, admin: status });
// Export jobs belong to the user who asked: the operator here. Seed 001: another user's job is not found
// to read, and forbidden to download or retry (cancel, ours, answers as retry).
const OPERATOR_OWNS = (status: number, others = 404) => ({ viewer: others, operator: status, manager: others, outsider: others, admin: others });

let site: SiteRow;
let cookies: Record<Role, Cookie[]>;
let operatorId: string;
let materialId: string;
let roleId: string;
let dayNumber = 0;

/** A day no other cell has used, so unique keys (one opening per day, one log per machine per day) never clash. */
function freshDay(): string {
  dayNumber += 1;
  return new Date(Date.UTC(2025, 0, 1) + dayNumber * 86_400_000).toISOString().slice(0, 10);
}

async function asOperator(method: string, path: string, body: unknown): Promise<Json> {
  const response = await callApp(path, { method, cookies: cookies.operator, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json()) as Json;
  if (response.status >= 300) throw new Error(`${method} ${path} as operator: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

const logBodies: Record<string, () => Promise<Json>> = {
  production: async () => ({ siteId: site.id, date: freshDay(), materialId, operation: "crushing", qtyTon: 12, shift: "morning" }),
  received: async () => ({ siteId: site.id, date: freshDay(), materialId, qtyTon: 8, source: "Municipal CDW" }),
  equipment: async () => ({ siteId: site.id, date: freshDay(), equipmentId: await createEquipment(site.id), hoursRun: 6 }),
  manpower: async () => ({ siteId: site.id, date: freshDay(), roleId, headcount: 3, hours: 24, shift: "night" }),
};

/** A log row the operator wrote, for a role to change or delete. */
async function operatorLogRow(module: string): Promise<Probe> {
  const created = await asOperator("POST", `/api/${module}`, await logBodies[module]!());
  const row = (created.production ?? created.equipmentLog ?? created) as { id: string };
  return { params: { id: row.id }, body: { notes: "checked" } };
}

async function operatorDispatch(): Promise<Probe> {
  const created = await asOperator("POST", "/api/dispatch", { rows: [dispatchRow(site.id, { lh_trip: `MATRIX-${randomUUID()}` })] });
  return { params: { id: (created.data as Array<{ id: string }>)[0]!.id }, body: { remarks: "checked" } };
}

async function operatorSnapshot(): Promise<Probe> {
  const date = freshDay();
  await asOperator("POST", "/api/inventory", { siteId: site.id, date, materialId, openingTon: 5, adjustmentTon: 0 });
  return { params: { id: `${site.id}:${materialId}:${date}` }, body: { openingTon: 6 } };
}

const exportRequest = () => ({ siteId: site.id, module: "dispatch", dateFrom: "2025-01-01", dateTo: "2025-01-31", granularity: "daily", format: "csv" });

/**
 * An export job of the operator's in the given state, made in the table so no worker races the
 * request. The previous cell's live job is cancelled first: the operator may have only 5 at once.
 */
async function operatorJob(status: "processing" | "failed"): Promise<Probe> {
  await sql("update public.export_jobs set status = 'cancelled' where user_id = $1 and status in ('pending', 'processing')", [operatorId]);
  const [job] = await sql<{ id: string }>(
    `insert into public.export_jobs (user_id, site_id, module, date_from, date_to, granularity, format, status, locked_at, error_message)
     values ($1, $2, 'dispatch', '2025-01-01', '2025-01-31', 'daily', 'csv', $3, now(), case when $3 = 'failed' then 'Test failure' end) returning id`,
    [operatorId, site.id, status],
  );
  return { params: { jobId: job!.id } };
}

/** A job of the operator's that the worker has finished, so its file can be downloaded. */
async function operatorCompletedJob(): Promise<Probe> {
  const { exportJob } = (await asOperator("POST", "/api/exports", exportRequest())) as { exportJob: { id: string } };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [job] = await sql<{ status: string }>("select status from public.export_jobs where id = $1", [exportJob.id]);
    if (job!.status === "completed") return { params: { jobId: exportJob.id } };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`export ${exportJob.id} did not complete in 30 s`);
}

/** A dispatch deleted by its site's manager: something to restore. */
async function deletedDispatch(): Promise<Probe> {
  const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site.id, { lh_trip: `MATRIX-${randomUUID()}` })]);
  const removed = await serviceClient().from("dispatches").delete().eq("id", row!.id);
  if (removed.error) throw new Error(removed.error.message);
  return { params: { table: "dispatches", id: row!.id } };
}

const siteQuery = () => Promise.resolve({ query: `siteId=${site.id}` });
/** The site's list, with a row of the operator's in it so "empty" can only mean "not yours". */
const siteListWith = (makeRow: () => Promise<Probe>) => async () => {
  await makeRow();
  return siteQuery();
};
const nothing = () => Promise.resolve({});
const ofSite = (list: unknown) =>
  (list as Array<{ id?: string; siteId?: string; site_id?: string }>).filter((item) => [item.id, item.siteId, item.site_id].includes(site.id));

const logRoutes = (module: string, listKey: string): Record<string, Cell> => ({
  [`GET /api/${module}`]: { probe: siteListWith(() => operatorLogRow(module)), expected: SITE_LIST, items: (body) => ofSite(body[listKey]) },
  [`POST /api/${module}`]: { probe: async () => ({ body: await logBodies[module]!() }), expected: SITE_CREATE },
  [`PATCH /api/${module}/[id]`]: { probe: () => operatorLogRow(module), expected: SITE_EDIT_OWN },
  [`DELETE /api/${module}/[id]`]: { probe: () => operatorLogRow(module), expected: SITE_DELETE },
});

const MATRIX: Record<string, Cell> = {
  "GET /api/hello": { probe: nothing, expected: EVERYONE(200) },
  "GET /api/auth/session": { probe: nothing, expected: EVERYONE(200) },
  "GET /api/sites": { probe: nothing, expected: SITE_LIST, items: (body) => ofSite(body.sites) },
  "POST /api/sites": {
    probe: async () => ({ body: { code: `M-${randomUUID().slice(0, 8)}`, name: "Matrix site" } }),
    expected: { viewer: 403, operator: 403, manager: 403, outsider: 403, admin: 201 },
  },
  "GET /api/sites/[siteId]": { probe: async () => ({ params: { siteId: site.id } }), expected: SITE_READ },
  "GET /api/lookups/[kind]": { probe: async () => ({ params: { kind: "sites" } }), expected: SITE_LIST, items: (body) => ofSite(body.data) },
  "GET /api/dashboard/metrics": { probe: siteQuery, expected: SITE_READ },
  "GET /api/kpi/dashboard": { probe: nothing, expected: EVERYONE(200) },

  "GET /api/dispatch": { probe: siteListWith(operatorDispatch), expected: SITE_LIST, items: (body) => ofSite(body.data) },
  "POST /api/dispatch": { probe: async () => ({ body: { rows: [dispatchRow(site.id, { lh_trip: `MATRIX-${randomUUID()}` })] } }), expected: SITE_CREATE },
  "PATCH /api/dispatch/[id]": { probe: operatorDispatch, expected: SITE_EDIT_OWN },
  "DELETE /api/dispatch/[id]": { probe: operatorDispatch, expected: SITE_DELETE },
  ...logRoutes("production", "productions"),
  ...logRoutes("received", "receivedMaterials"),
  ...logRoutes("equipment", "equipmentLogs"),
  ...logRoutes("manpower", "manpowerLogs"),

  "GET /api/inventory": { probe: siteQuery, expected: SITE_READ },
  "POST /api/inventory": { probe: async () => ({ body: { siteId: site.id, date: freshDay(), materialId, openingTon: 5, adjustmentTon: 0 } }), expected: SITE_CREATE },
  "PATCH /api/inventory/[id]": { probe: operatorSnapshot, expected: SITE_EDIT_OWN },
  "DELETE /api/inventory/[id]": { probe: operatorSnapshot, expected: SITE_DELETE },

  // A row's history is read by whoever may read the row (its side panel); restoring it is for managers.
  "GET /api/audit/[table]/[id]": {
    probe: async () => ({ params: { table: "dispatches", id: (await operatorDispatch()).params!.id! } }),
    expected: SITE_LIST,
    items: (body) => body.entries as unknown[],
  },
  "POST /api/audit/[table]/[id]/restore": { probe: deletedDispatch, expected: { viewer: 404, operator: 404, manager: 201, outsider: 404, admin: 201 } },

  "GET /api/exports": { probe: nothing, expected: EVERYONE(200) },
  "POST /api/exports": { probe: async () => ({ body: exportRequest() }), expected: { ...SITE_READ, viewer: 201, operator: 201, manager: 201, admin: 201 } },
  "GET /api/exports/[jobId]": { probe: () => operatorJob("failed"), expected: OPERATOR_OWNS(200) },
  "GET /api/exports/[jobId]/download": { probe: operatorCompletedJob, expected: OPERATOR_OWNS(200, 403) },
  "POST /api/exports/[jobId]/retry": { probe: () => operatorJob("failed"), expected: OPERATOR_OWNS(200, 403) },
  "POST /api/exports/[jobId]/cancel": { probe: () => operatorJob("processing"), expected: OPERATOR_OWNS(200, 403) },
  "GET /api/exports/progress": { probe: async () => ({ query: `jobIds=${(await operatorCompletedJob()).params!.jobId}` }), expected: OPERATOR_OWNS(200) },

  // The sheet mirrors every site: its sync is watched and driven by admins and managers of any site.
  "GET /api/sheets/status": { probe: nothing, expected: MANAGERS_ONLY(200) },
  "POST /api/sheets/backfill": { probe: async () => ({ body: { dateFrom: "2025-01-01", dateTo: "2025-01-01" } }), expected: MANAGERS_ONLY(202) },
  "POST /api/sheets/reconcile": { probe: async () => ({ body: {} }), expected: MANAGERS_ONLY(200) },
  "POST /api/sheets/replay": { probe: nothing, expected: MANAGERS_ONLY(200) },
  // Its proof is Apps Script's signature, not a session: no session opens it.
  "POST /api/webhooks/google-sheets": { probe: async () => ({ body: {} }), expected: EVERYONE(401) },
};

/** The answer, and the message of a refusal so a mismatch explains itself. */
async function ask(key: string, cell: Cell, role: Role): Promise<{ answer: Answer; message?: unknown }> {
  const [method, pattern] = key.split(" ") as [string, string];
  const probe = await cell.probe();
  const path = fillPattern(pattern, probe.params) + (probe.query ? `?${probe.query}` : "");
  const response = await callApp(path, {
    method,
    cookies: cookies[role],
    ...(probe.body === undefined ? {} : { body: JSON.stringify(probe.body), headers: { "content-type": "application/json" } }),
  });
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) {
    await response.body?.cancel(); // a file or an event stream: its status is the answer
    return { answer: response.status };
  }
  const body = (await response.json()) as Json;
  if (response.status === 200 && cell.items && cell.items(body).length === 0) return { answer: "empty" };
  return { answer: response.status, message: body.message };
}

beforeAll(async () => {
  const [ownSite, otherSite] = await Promise.all([createSite(), createSite()]);
  site = ownSite;
  const users = {
    viewer: await memberOf(site.id, "viewer"),
    operator: await memberOf(site.id, "operator"),
    manager: await memberOf(site.id, "manager"),
    outsider: await memberOf(otherSite.id, "manager", "outsider"),
    admin: await createUser("admin", { admin: true }),
  };
  operatorId = users.operator.id;
  cookies = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await signInCookies(users[role].email, TEST_PASSWORD)] as const))) as Record<Role, Cookie[]>;
  materialId = await catalogueId("materials", "RA-0-5");
  roleId = await catalogueId("manpower_roles", "QA");
}, 60_000);

describe("api: access matrix", () => {
  it("has a row for every route and method the API serves, and no row for one it does not", async () => {
    const served = (await apiRoutes()).flatMap((route) => route.allowed.map((method) => `${method} ${route.pattern}`));
    expect(Object.keys(MATRIX).sort()).toEqual(served.sort());
  });

  it("answers each role on each route as the access model says", async () => {
    const mismatches: string[] = [];
    for (const [key, cell] of Object.entries(MATRIX)) {
      for (const role of ROLES) {
        const { answer, message } = await ask(key, cell, role);
        if (answer !== cell.expected[role]) mismatches.push(`${key} as ${role}: ${answer} (${String(message)}), expected ${cell.expected[role]}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000); // ~190 requests, every route compiled by next dev on its first
});
