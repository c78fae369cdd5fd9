// Lookups for pickers: seed 000's search rules, the shared catalogue, and site-scoped lists.
import { describe, expect, it } from "vitest";
import { sql, withDb } from "../helpers/db";
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

  it("serves the shared catalogue from the cache until its table changes, however it is changed", async () => {
    const cookies = await signInCookies("viewer@deskops.local", SEEDED_PASSWORD);
    const nameOf = async (code: string) => (await get("/api/lookups/materials", cookies)).body.data.find((row) => row.code === code)?.name;
    const code = `CACHE-${Date.now().toString(36).toUpperCase()}`;
    expect(await nameOf(code)).toBeUndefined();

    await sql("insert into public.materials (code, name, category) values ($1, 'Fresh fines', 'product')", [code]);
    expect(await nameOf(code)).toBe("Fresh fines");

    // A change the database's triggers do not see (replica mode) keeps the version, so the cached
    // copy is what the route serves: proof that it is cached at all.
    await withDb(async (client) => {
      await client.query("begin; set local session_replication_role = replica");
      await client.query("update public.materials set name = 'Hidden rename' where code = $1", [code]);
      await client.query("commit");
    });
    expect(await nameOf(code)).toBe("Fresh fines");

    await sql("update public.materials set name = 'Screened fines' where code = $1", [code]);
    expect(await nameOf(code)).toBe("Screened fines");
    await sql("delete from public.materials where code = $1", [code]);
    expect(await nameOf(code)).toBeUndefined();
  });

  it("caches a catalogue once per version and searches the cached copy, so new search words add nothing to the cache", async () => {
    const cookies = await signInCookies("operator@deskops.local", SEEDED_PASSWORD);
    const name = `Zulu ${Date.now().toString(36)} Cluster`;
    await sql("insert into public.clusters (name, region) values ($1, 'NCR')", [name]);
    const names = async (q: string) => (await get(`/api/lookups/clusters?q=${encodeURIComponent(q)}`, cookies)).body.data.map((row) => row.name);
    expect(await names("zulu")).toEqual([name]);
    // Renamed behind the version's back: a search with words never asked before still answers from
    // the cached table (keyed by ?q=, each new search used to read the table again, and grow the cache).
    await withDb(async (client) => {
      await client.query("begin; set local session_replication_role = replica");
      await client.query("update public.clusters set name = 'Renamed unseen' where name = $1", [name]);
      await client.query("commit");
    });
    for (const q of ["ZULU", "zul", name.slice(0, 9), name]) expect(await names(q)).toEqual([name]);
    await sql("delete from public.clusters where name = 'Renamed unseen'");
    expect(await names("zulu")).toEqual([]);
  });

  it("refuses an unknown lookup, unknown parameters and anonymous callers", async () => {
    const cookies = await signInCookies("viewer@deskops.local", SEEDED_PASSWORD);
    expect((await get("/api/lookups/colours", cookies)).status).toBe(400);
    expect((await get("/api/lookups/clusters?colour=red", cookies)).status).toBe(400);
    expect((await callApp("/api/lookups/materials")).status).toBe(401);
  });
});
