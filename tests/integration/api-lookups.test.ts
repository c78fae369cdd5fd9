// Lookups for pickers: seed 000's search rules, the shared catalogue, and site-scoped lists.
import { describe, expect, it } from "vitest";
import { SEEDED_PASSWORD } from "../helpers/factories";
import { callApp, signInCookies } from "../helpers/session";

const get = async (path: string, cookies: Awaited<ReturnType<typeof signInCookies>>) => {
  const response = await callApp(path, { cookies });
  return { status: response.status, body: (await response.json()) as { data: Array<Record<string, unknown>>; code?: string } };
};

describe("api: lookups", () => {
  it("searches clusters from 3 characters and processors from 2, within a region, 50 at most", async () => {
    const cookies = await signInCookies("operator@deskops.local", SEEDED_PASSWORD);
    const pasig = await get("/api/lookups/clusters?q=pas", cookies);
    expect(pasig.status).toBe(200);
    expect(pasig.body.data.map((row) => row.name)).toEqual(["Pasig Cluster A", "Pasig Cluster B", "Pasig Cluster C"]);
    const tooShort = await get("/api/lookups/clusters?q=pa", cookies);
    expect(tooShort.body.data.length).toBeGreaterThan(3);
    expect(tooShort.body.data.length).toBeLessThanOrEqual(50);
    const jakarta = await get("/api/lookups/clusters?region=DKI%20Jakarta", cookies);
    expect(new Set(jakarta.body.data.map((row) => row.region))).toEqual(new Set(["DKI Jakarta"]));
    const processors = await get("/api/lookups/processors?q=ca", cookies);
    expect(processors.body.data.map((row) => row.name)).toEqual(expect.arrayContaining(["Cakung Processing Center", "Calamba Processing Hub"]));
  });

  it("lists the catalogue, and only the user's sites and their machines", async () => {
    const cookies = await signInCookies("viewer@deskops.local", SEEDED_PASSWORD);
    expect((await get("/api/lookups/materials", cookies)).body.data.map((row) => row.code)).toContain("RA-5-20");
    expect((await get("/api/lookups/manpower-roles", cookies)).body.data.map((row) => row.code)).toContain("SORTER");
    const sites = (await get("/api/lookups/sites", cookies)).body.data.map((row) => row.code);
    expect(sites).toEqual(expect.arrayContaining(["MNL-HUB", "QC-CDW"]));
    expect(sites).not.toContain("JKT-CDW");
    const machines = (await get("/api/lookups/equipment", cookies)).body.data;
    expect(machines.length).toBeGreaterThan(0);
    expect(machines.every((row) => row.site_id !== "5e000000-0000-4000-8000-000000000003")).toBe(true);
  });

  it("refuses an unknown lookup, unknown parameters and anonymous callers", async () => {
    const cookies = await signInCookies("viewer@deskops.local", SEEDED_PASSWORD);
    expect((await get("/api/lookups/colours", cookies)).status).toBe(400);
    expect((await get("/api/lookups/clusters?colour=red", cookies)).status).toBe(400);
    expect((await callApp("/api/lookups/materials")).status).toBe(401);
  });
});
