// Seed 001's site-log routes, one definition each, exercised the same way for all four.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogueId, createEquipment, createSite, type SiteRow } from "../helpers/factories";
import { callApp, crewCookies, type Cookie, type CrewRole } from "../helpers/session";

let site: SiteRow;
let otherSite: SiteRow;
let cookies: Record<CrewRole, Cookie[]>;
let materialId: string;
let roleId: string;
let machines: string[] = [];

beforeAll(async () => {
  [site, otherSite] = await Promise.all([createSite(), createSite()]);
  cookies = await crewCookies(site.id, otherSite.id);
  materialId = await catalogueId("materials", "RA-0-5");
  roleId = await catalogueId("manpower_roles", "QA");
  machines = await Promise.all(Array.from({ length: 6 }, () => createEquipment(site.id)));
}, 60_000);

interface ModuleCase {
  path: string;
  listKey: string;
  itemKey: string | null;
  body: (index: number) => Record<string, unknown>;
  patch: Record<string, unknown>;
  embedded: string;
  invalid: Record<string, unknown>;
}

const cases: ModuleCase[] = [
  {
    path: "/api/production", listKey: "productions", itemKey: "production", embedded: "material",
    body: () => ({ siteId: site.id, date: "2026-02-10", materialId, operation: "crushing", qtyTon: 42.5, shift: "morning" }),
    patch: { notes: "checked" }, invalid: { operation: "melting" },
  },
  {
    path: "/api/received", listKey: "receivedMaterials", itemKey: null, embedded: "material",
    body: () => ({ siteId: site.id, date: "2026-02-10", materialId, qtyTon: 18, source: "Municipal CDW", vehicleRef: "TRK-1" }),
    patch: { notes: "checked" }, invalid: { qtyTon: -1 },
  },
  {
    path: "/api/equipment", listKey: "equipmentLogs", itemKey: "equipmentLog", embedded: "equipment",
    body: (index) => ({ siteId: site.id, date: "2026-02-10", equipmentId: machines[index]!, hoursRun: 9.5, fuelLiters: 120 }),
    patch: { notes: "checked" }, invalid: { hoursRun: 30 },
  },
  {
    path: "/api/manpower", listKey: "manpowerLogs", itemKey: null, embedded: "role",
    body: (index) => ({ siteId: site.id, date: `2026-02-1${index}`, roleId, headcount: 5, hours: 40, shift: "night" }),
    patch: { notes: "checked" }, invalid: { headcount: 0 },
  },
];

const send = (method: string, path: string, body: unknown, as: Cookie[], headers: Record<string, string> = {}) =>
  callApp(path, { method, cookies: as, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
const asJson = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

describe.each(cases)("api: $path", (module) => {
  it("creates a row in seed 001's shape, idempotently, and lists it with its catalogue entry", async () => {
    const key = randomUUID();
    const first = await asJson(await send("POST", module.path, module.body(0), cookies.operator, { "idempotency-key": key }));
    expect(first.status).toBe(201);
    const row = (module.itemKey ? first.body[module.itemKey] : first.body) as Record<string, unknown>;
    expect(row).toMatchObject({ siteId: site.id, date: module.body(0).date, site: { code: site.code } });
    expect(row[module.embedded]).toBeTruthy();
    const again = await asJson(await send("POST", module.path, module.body(0), cookies.operator, { "idempotency-key": key }));
    expect((module.itemKey ? again.body[module.itemKey] : again.body) as Record<string, unknown>).toMatchObject({ id: row.id });

    const list = await asJson(await callApp(`${module.path}?siteId=${site.id}`, { cookies: cookies.viewer }));
    expect(list.status).toBe(200);
    expect((list.body[module.listKey] as Array<{ id: string }>).map((entry) => entry.id)).toContain(row.id);
  });

  it("answers bad input with 400 and people without rights with 401 / 403 / 404", async () => {
    expect((await asJson(await send("POST", module.path, { ...module.body(1), ...module.invalid }, cookies.operator))).status).toBe(400);
    expect((await asJson(await send("POST", module.path, { ...module.body(1), colour: "red" }, cookies.operator))).status).toBe(400);
    expect((await asJson(await callApp(module.path, { cookies: cookies.viewer }))).status).toBe(400);
    expect((await callApp(`${module.path}?siteId=${site.id}`)).status).toBe(401);
    expect((await asJson(await send("POST", module.path, module.body(2), cookies.viewer))).status).toBe(403);
    const theirs = await asJson(await callApp(`${module.path}?siteId=${site.id}`, { cookies: cookies.outsider }));
    expect(theirs.body[module.listKey]).toEqual([]);
  });

  it("lets its creator change it, refuses a viewer, and lets only a manager delete it", async () => {
    const created = await asJson(await send("POST", module.path, module.body(3), cookies.operator));
    const row = (module.itemKey ? created.body[module.itemKey] : created.body) as { id: string };
    const changed = await asJson(await send("PATCH", `${module.path}/${row.id}`, module.patch, cookies.operator));
    expect(changed.status).toBe(200);
    expect(JSON.stringify(changed.body)).toContain("checked");
    expect((await send("PATCH", `${module.path}/${row.id}`, module.patch, cookies.viewer)).status).toBe(403);
    expect((await send("PATCH", `${module.path}/${row.id}`, module.patch, cookies.outsider)).status).toBe(404);
    expect((await send("DELETE", `${module.path}/${row.id}`, undefined, cookies.operator)).status).toBe(403);
    expect((await asJson(await send("DELETE", `${module.path}/${row.id}`, undefined, cookies.manager))).body).toEqual({ success: true });
  });
});

describe("api: a log that already exists", () => {
  it.each([
    ["/api/equipment", 4, "Equipment log", "equipment and date"],
    ["/api/manpower", 5, "Manpower log", "date, role and shift"],
  ])("answers %s with 409 naming the fields of the key, for a new row and for a change", async (path, index, what, fields) => {
    const logCase = cases.find((candidate) => candidate.path === path)!;
    const body = logCase.body(index);
    expect((await send("POST", path, body, cookies.operator)).status).toBe(201);
    const again = await asJson(await send("POST", path, body, cookies.operator));
    expect(again.status).toBe(409);
    // A new row goes through the batch path, which names fields the same way (row 1 of a batch of one).
    expect(again.body).toMatchObject({ code: "DUPLICATE_RECORD", message: `Row 1: Already saved: a row with the same ${fields.replace(" and ", ", ")} exists` });

    const other = await asJson(await send("POST", path, { ...body, date: "2026-03-01" }, cookies.operator));
    const otherRow = (logCase.itemKey ? other.body[logCase.itemKey] : other.body) as { id: string };
    const clash = await asJson(await send("PATCH", `${path}/${otherRow.id}`, { date: body.date }, cookies.operator));
    expect(clash).toEqual({ status: 409, body: { code: "DUPLICATE_RECORD", message: `${what} already exists with the same ${fields}.` } });
  });
});
