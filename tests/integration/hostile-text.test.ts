// Text Postgres cannot store (a NUL character, half of a surrogate pair) is a 400 that names the
// field, in a body, a query string, and a server action's input; before, PostgREST's 22P05 and
// PGRST102 came back as 500s. Nothing is written by a refused request.
import { beforeAll, describe, expect, it } from "vitest";
import { createProduction } from "@/app/actions/create-production";
import { sql } from "../helpers/db";
import { catalogueId, createSite, type SiteRow } from "../helpers/factories";
import { withCookies } from "../helpers/next-headers";
import { callApp, crewCookies, type Cookie } from "../helpers/session";
import { stack } from "../helpers/supabase";

let site: SiteRow;
let operator: Cookie[];
let materialId: string;

beforeAll(async () => {
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack().apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = stack().anonKey;
  const [mine, other] = await Promise.all([createSite(), createSite()]);
  site = mine;
  operator = (await crewCookies(mine.id, other.id)).operator;
  materialId = await catalogueId("materials", "RA-20-40");
}, 60_000);

// JSON.stringify writes a lone surrogate as the escape "\ud83d", which is what a client sends.
const HOSTILE = [
  { name: "a NUL character", text: "Pasig\u0000Cluster", message: "Remove the invisible NUL character: text cannot hold it" },
  { name: "half of an emoji", text: "Pasig \ud83d Cluster", message: "This text holds a broken character (half of an emoji or symbol): type it again" },
];

const post = (path: string, body: unknown) =>
  callApp(path, { method: "POST", cookies: operator, body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("hostile text", () => {
  it.each(HOSTILE)("answers $name in a bulk body with a 400 naming the row and field, and writes nothing", async ({ text, message }) => {
    const lhTrip = `HOSTILE-${Math.random()}`;
    const rows = [1, 2].map((index) => ({ site_id: site.id, cluster: index === 2 ? text : "Pasig Cluster", processor: "P", station: "S", region: "NCR", dock_number: "D-1", lh_trip: lhTrip }));
    const response = await post("/api/dispatch", { rows });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "Some fields are not valid.", code: "VALIDATION_ERROR", details: { issues: [{ path: "rows.2.cluster", message, row: 2 }] } });
    expect(await sql("select 1 from public.dispatches where lh_trip = $1", [lhTrip])).toEqual([]);
  });

  it("answers a NUL in a query string with a 400, and bytes that are not UTF-8 with no 5xx", async () => {
    const nul = await callApp("/api/dispatch?cluster=Pasig%00Cluster", { cookies: operator });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ code: "VALIDATION_ERROR", details: { issues: [{ path: "cluster", message: HOSTILE[0]!.message }] } });
    // Half a surrogate pair cannot be percent-encoded as UTF-8; its WTF-8 bytes arrive as U+FFFD.
    const broken = await callApp("/api/dispatch?cluster=Pasig%ED%A0%BDCluster", { cookies: operator });
    expect(broken.status).toBeLessThan(500);
    await broken.body?.cancel();
  });

  it.each(HOSTILE)("answers $name in a server action's input as a validation error, not an internal one", async ({ text }) => {
    const result = await withCookies(operator, () => createProduction({ siteId: site.id, date: "2026-03-03", materialId, operation: "screening", qtyTon: 1, notes: text }));
    expect(result).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
  });
});
