// Server actions, called as the page would call them, with a signed-in user's cookies: seed 001's
// result shapes, revalidation of the dashboard pages, and refusals.
import { beforeAll, describe, expect, it } from "vitest";
import { createDispatch } from "@/app/actions/create-dispatch";
import { createProduction } from "@/app/actions/create-production";
import { createReceivedMaterial } from "@/app/actions/create-received-material";
import { deleteDispatch } from "@/app/actions/delete-dispatch";
import { deleteProduction } from "@/app/actions/delete-production";
import { updateDispatch } from "@/app/actions/update-dispatch";
import { updateProduction } from "@/app/actions/update-production";
import { catalogueId, createSite, type SiteRow } from "../helpers/factories";
import { revalidated } from "../helpers/next-cache";
import { withCookies } from "../helpers/next-headers";
import { crewCookies, type Cookie, type CrewRole } from "../helpers/session";
import { stack } from "../helpers/supabase";

let site: SiteRow;
let crew: Record<CrewRole, Cookie[]>;
let materialId: string;

beforeAll(async () => {
  // The app's server client reads these, as it would in next dev.
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack().apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = stack().anonKey;
  const [mine, other] = await Promise.all([createSite(), createSite()]);
  site = mine;
  crew = await crewCookies(mine.id, other.id);
  materialId = await catalogueId("materials", "RA-20-40");
}, 60_000);

const as = <T>(role: CrewRole | "anonymous", work: () => Promise<T>) => withCookies(role === "anonymous" ? [] : crew[role], work);

describe("actions: production", () => {
  it("creates, updates and deletes with seed 001's results and revalidates the pages", async () => {
    revalidated.length = 0;
    const created = await as("operator", () => createProduction({ siteId: site.id, date: "2026-03-03", materialId, operation: "screening", qtyTon: 12 }));
    expect(created).toMatchObject({ success: true, production: { siteId: site.id, qtyTon: 12, material: { code: "RA-20-40" } } });
    expect(revalidated).toEqual(["/dashboard", "/production"]);
    if (!created.success) throw new Error(created.message);
    const id = created.production.id;

    expect(await as("operator", () => updateProduction(id, { notes: "re-weighed" }))).toMatchObject({ success: true, production: { notes: "re-weighed" } });
    expect(await as("operator", () => deleteProduction(id))).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await as("manager", () => deleteProduction(id))).toEqual({ success: true });
  });

  it("answers bad input, viewers and anonymous callers with seed 001's failure shape", async () => {
    const bad = await as("operator", () => createProduction({ siteId: site.id, date: "2026-03-03", materialId, operation: "melting", qtyTon: 12 }));
    expect(bad).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    const viewer = await as("viewer", () => createReceivedMaterial({ siteId: site.id, date: "2026-03-03", materialId, qtyTon: 5 }));
    expect(viewer).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await as("anonymous", () => createProduction({}))).toEqual({ success: false, message: "Sign in to continue.", code: "UNAUTHORIZED" });
  });
});

describe("actions: dispatch", () => {
  it("creates seed 001's dispatch, moves its status and lets a manager delete it", async () => {
    const created = await as("operator", () => createDispatch({ siteId: site.id, date: "2026-03-04", materialId, qtyTon: 20 }));
    // The same case and the same embedded rows as the logs' actions.
    expect(created).toMatchObject({ success: true, dispatch: { siteId: site.id, qtyTon: 20, status: "pending", material: { code: "RA-20-40" }, site: { code: site.code } } });
    if (!created.success) throw new Error(created.message);
    const id = created.dispatch.id;
    expect(await as("manager", () => updateDispatch(id, { status: "ongoing" }))).toMatchObject({ success: true, dispatch: { status: "ongoing", material: { code: "RA-20-40" } } });
    expect(await as("manager", () => updateDispatch(id, { status: "pending" }))).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await as("outsider", () => deleteDispatch(id))).toMatchObject({ success: false, code: "NOT_FOUND" });
    expect(await as("manager", () => deleteDispatch(id))).toEqual({ success: true });
  });
});
