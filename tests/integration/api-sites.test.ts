// The app's route handlers, called over HTTP with the seeded users' session cookies.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { SEEDED_PASSWORD } from "../helpers/factories";
import { callApp, signInCookies, type Cookie } from "../helpers/session";

const session: Record<"admin" | "manager" | "viewer", Cookie[]> = { admin: [], manager: [], viewer: [] };
const SEEDED_SITES = { hub: "5e000000-0000-4000-8000-000000000001", jakarta: "5e000000-0000-4000-8000-000000000003" };

beforeAll(async () => {
  for (const role of ["admin", "manager", "viewer"] as const) {
    session[role] = await signInCookies(`${role}@deskops.local`, SEEDED_PASSWORD);
  }
}, 60_000);

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

describe("api: hello and session", () => {
  it("answers the public health check", async () => {
    const { status, body } = await json(await callApp("/api/hello"));
    expect(status).toBe(200);
    expect(body).toBe("Hello, from API!");
  });

  it("reports the session, and 401 without one", async () => {
    const anonymous = await json(await callApp("/api/auth/session"));
    expect(anonymous).toEqual({ status: 401, body: { message: "Sign in to continue.", code: "UNAUTHORIZED" } });
    const signedIn = await json(await callApp("/api/auth/session", { cookies: session.viewer }));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ userId: "a0000000-0000-4000-8000-000000000004", isAuthenticated: true });
    expect(Date.parse(String(signedIn.body.timestamp))).not.toBeNaN();
  });
});

describe("api: sites", () => {
  it("lists the active sites the user belongs to, in seed 001's shape", async () => {
    const { status, body } = await json(await callApp("/api/sites", { cookies: session.manager }));
    expect(status).toBe(200);
    const sites = body.sites as Array<Record<string, unknown>>;
    expect(sites.map((site) => site.code).filter((code) => ["MNL-HUB", "QC-CDW", "JKT-CDW"].includes(String(code)))).toEqual(["MNL-HUB", "QC-CDW"]);
    expect(Object.keys(sites[0]!).sort()).toEqual(["code", "createdAt", "id", "location", "name", "timezone"]);
  });

  it("refuses without a session and with an unknown query parameter", async () => {
    expect((await json(await callApp("/api/sites"))).status).toBe(401);
    const unknown = await json(await callApp("/api/sites?colour=red", { cookies: session.manager }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("VALIDATION_ERROR");
  });

  it("lets an admin create a site, and answers duplicates, non-admins and bad input as it should", async () => {
    const code = `API-${randomUUID().slice(0, 6).toUpperCase()}`;
    const post = (body: string, cookies: Cookie[]) =>
      callApp("/api/sites", { method: "POST", body, cookies, headers: { "content-type": "application/json" } });
    const created = await json(await post(JSON.stringify({ code, name: "API test site", timezone: "Asia/Manila" }), session.admin));
    expect(created.status).toBe(201);
    expect(created.body.site).toMatchObject({ code, name: "API test site", timezone: "Asia/Manila", isActive: true });

    expect((await json(await post(JSON.stringify({ code, name: "Again" }), session.admin))).body.code).toBe("DUPLICATE_RECORD");
    const asManager = await json(await post(JSON.stringify({ code: `${code}X`, name: "Nope" }), session.manager));
    expect(asManager).toEqual({ status: 403, body: { message: "You do not have permission to do that.", code: "FORBIDDEN" } });

    const short = await json(await post(JSON.stringify({ code: "AB", name: "Too short", timezone: "Mars/Olympus" }), session.admin));
    expect(short.status).toBe(400);
    const paths = ((short.body.details as { issues: Array<{ path: string }> }).issues).map((issue) => issue.path).sort();
    expect(paths).toEqual(["code", "timezone"]);
    expect((await json(await post("{not json", session.admin))).status).toBe(400);
    expect((await json(await post(JSON.stringify({ code: "X".repeat(6_000_000) }), session.admin))).status).toBe(413);
  });

  it("shows one site with seed 001's per-module counts, and 404 across sites", async () => {
    const { status, body } = await json(await callApp(`/api/sites/${SEEDED_SITES.hub}`, { cookies: session.manager }));
    expect(status).toBe(200);
    const site = body.site as { code: string; _count: Record<string, number> };
    expect(site.code).toBe("MNL-HUB");
    expect(Object.keys(site._count).sort()).toEqual(["dispatches", "inventorySnapshots", "productions", "receivedMaterials"]);
    expect(site._count.dispatches).toBeGreaterThan(0);

    expect((await json(await callApp(`/api/sites/${SEEDED_SITES.jakarta}`, { cookies: session.viewer }))).status).toBe(404);
    const bad = await json(await callApp("/api/sites/not-a-uuid", { cookies: session.viewer }));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_ERROR");
  });
});
