// Property-based hostile input (fast-check) against the API as a signed-in manager: random JSON,
// text Postgres cannot store, far-away dates, formula text, huge numbers, unknown fields, random
// query strings and ids. Every answer is a success or a 4xx in the error shape, never a 5xx or a
// hang, and a refused request writes nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { catalogueId, createEquipment, createSite, type SiteRow } from "../helpers/factories";
import { callApp, crewCookies, sessionFromCookies, type Cookie } from "../helpers/session";

let site: SiteRow;
let manager: Cookie[];
let materialId: string;
let machineId: string;
let managerId: string;

beforeAll(async () => {
  const [mine, other] = await Promise.all([createSite(), createSite()]);
  site = mine;
  manager = (await crewCookies(mine.id, other.id)).manager;
  const { access_token: token } = await sessionFromCookies(manager);
  managerId = (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sub: string }).sub;
  [materialId, machineId] = await Promise.all([catalogueId("materials", "RA-20-40"), createEquipment(mine.id)]);
}, 60_000);

const WEIRD_TEXT = ["\u0000", "x\ud800y", "\udfff", "=1+1", "+cmd|' /C calc'!A0", "9999-12-31", "0001-01-01", "2026-02-30", "' or 1=1 --", "%ZZ", "a".repeat(5_000), "🚚", "null", "NaN"];
const FIELDS = ["site_id", "siteId", "date", "dispatch_date", "material_id", "materialId", "qty_ton", "qtyTon", "operation", "status", "remarks", "cluster", "processor", "station", "region", "dock_number", "equipment_id", "equipmentId", "hours_run", "hoursRun", "headcount", "rows", "created_by", "id", "__proto__", "constructor"];

const text = fc.oneof(fc.constantFrom(...WEIRD_TEXT), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }));
// Real ids too, so some requests get past validation and reach the database.
const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    text,
    fc.constantFrom(site.id, materialId, machineId, "crushing", "pending", "completed", "2026-03-01", 12.5),
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e308, -1e308, 0, -1, Number.MAX_SAFE_INTEGER),
    fc.boolean(),
    fc.constant(null),
    fc.array(text, { maxLength: 3 }),
  );
const record = () => fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), value(), { maxKeys: 8 });
const body = () => fc.oneof(record(), fc.record({ rows: fc.array(record(), { maxLength: 4 }) }), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom("{oops", "", "[]", "null"));

/** Every row the site holds, in every table a write route can touch. */
async function siteRows(): Promise<number> {
  const tables = ["dispatches", "production", "received_materials", "equipment_logs", "manpower_logs", "inventory_entries", "export_jobs"];
  const [row] = await sql<{ n: string }>(`select ${tables.map((table) => `(select count(*) from public.${table} where site_id = $1)`).join(" + ")} as n`, [site.id]);
  return Number(row!.n);
}

/** One request; its answer must be a success or a shaped 4xx within 20 s, and a refusal writes nothing. */
async function expectShaped(method: string, path: string, payload?: string): Promise<void> {
  const before = await siteRows();
  const response = await callApp(path, {
    method,
    cookies: manager,
    ...(payload === undefined ? {} : { body: payload, headers: { "content-type": "application/json" } }),
    signal: AbortSignal.timeout(20_000),
  });
  const answer = (await response.json().catch(() => "not JSON")) as unknown;
  const context = `${method} ${path.slice(0, 200)} ${payload?.slice(0, 200) ?? ""} → ${response.status} ${JSON.stringify(answer).slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  if (response.status < 400) return;
  expect(answer, context).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/\S/) });
  expect(await siteRows(), context).toBe(before);
}

const safePath = (segment: string) => {
  try {
    return encodeURIComponent(segment);
  } catch {
    return "%F0"; // a lone surrogate cannot be encoded: send a broken escape instead
  }
};

const WRITES = ["/api/dispatch", "/api/production", "/api/received", "/api/equipment", "/api/manpower", "/api/inventory", "/api/exports", "/api/sites"];
const READS = ["/api/dispatch", "/api/production", "/api/inventory", "/api/dashboard/metrics", "/api/kpi/dashboard", "/api/lookups/clusters", "/api/exports", "/api/exports/progress"];

describe("hostile input, property-based", () => {
  it("answers random bodies on every write route with a success or a shaped 4xx, and a refusal writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), body(), async (path, payload) => {
        // Each run is a new request of a user with writes to spare: the allowance is not what is tested here.
        await sql("delete from private.write_allowances where user_id = $1", [managerId]);
        await expectShaped("POST", path, typeof payload === "string" ? payload : JSON.stringify(payload));
      }),
      { numRuns: 100 },
    );
  }, 240_000);

  it("answers random query strings, ids and methods with a success or a shaped 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...READS),
        fc.dictionary(fc.oneof(fc.constantFrom("siteId", "status", "dateFrom", "dateTo", "date", "cursor", "limit", "offset", "q", "export", "jobIds", "region", "order"), fc.string({ maxLength: 8 })), text, { maxKeys: 5 }),
        async (path, query) => {
          await expectShaped("GET", `${path}?${new URLSearchParams(query).toString()}`);
        },
      ),
      { numRuns: 50 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/dispatch/", "/api/production/", "/api/exports/", "/api/sites/", "/api/audit/dispatches/"), text, fc.constantFrom("GET", "PATCH", "DELETE", "POST"), body(), async (prefix, id, method, payload) => {
        await sql("delete from private.write_allowances where user_id = $1", [managerId]);
        await expectShaped(method, prefix + safePath(id), method === "GET" ? undefined : JSON.stringify(payload));
      }),
      { numRuns: 50 },
    );
  }, 240_000);
});
