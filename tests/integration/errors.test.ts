// Real 500s keep their cause: a statement timeout (a role setting, as Supabase sets them) and a
// database error with a code nobody maps, provoked through tests/fixtures/faults.sql. The answer
// carries a request id and nothing internal; the server's log has the id with the whole error.
import { readFile } from "node:fs/promises";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { createProduction } from "@/app/actions/create-production";
import { catalogueId, createSite, type SiteRow } from "../helpers/factories";
import { withCookies } from "../helpers/next-headers";
import { callApp, crewCookies, withAccessTokenClaims, type Cookie } from "../helpers/session";
import { serviceClient, stack } from "../helpers/supabase";

type Fault = "statement_timeout" | "unknown_code";

let site: SiteRow;
let operator: Cookie[];

beforeAll(async () => {
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack().apiUrl;
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = stack().anonKey;
  const [mine, other] = await Promise.all([createSite(), createSite()]);
  site = mine;
  operator = (await crewCookies(mine.id, other.id)).operator;
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** The operator's session, run as the fault role with `fault` armed. */
const faulty = (fault: Fault) => withAccessTokenClaims(operator, (claims) => ({ ...claims, role: "deskops_test_faults", deskops_fault: fault }));

/** The app server's log line that names `requestId`, once it has been written. */
async function logLineOf(requestId: string): Promise<string> {
  let line: string | undefined;
  await vi.waitFor(async () => {
    const log = await readFile(inject("nextLogFile"), "utf8");
    line = log.split("\n").find((candidate) => candidate.includes(requestId));
    expect(line).toBeDefined();
  }, { timeout: 5_000 });
  return line ?? "";
}

const EXPECTED: Record<Fault, { code: string; text: RegExp }> = {
  statement_timeout: { code: "57014", text: /canceling statement due to statement timeout/ },
  unknown_code: { code: "DK001", text: /A test fault nobody maps.*Raised on purpose/ },
};

describe("errors: a route's 500", () => {
  for (const fault of ["statement_timeout", "unknown_code"] as const) {
    it(`answers a ${fault.replace("_", " ")} with a request id and logs the whole database error under it`, async () => {
      const response = await callApp("/api/sites", { cookies: await faulty(fault) });
      expect(response.status).toBe(500);
      const body = (await response.json()) as { message: string; code: string; details: { requestId: string } };
      expect(body).toEqual({ message: "Something went wrong on our side.", code: "INTERNAL_ERROR", details: { requestId: expect.any(String) } });
      expect(response.headers.get("x-request-id")).toBe(body.details.requestId);

      const line = await logLineOf(body.details.requestId);
      expect(line).toContain("[api]");
      expect(line).toContain("GET /api/sites");
      const cause = JSON.parse(line.slice(line.indexOf("{"))) as { label: string; code: string; message: string; hint: string | null };
      expect(cause.label).toBe("The site");
      expect(cause.code).toBe(EXPECTED[fault].code);
      expect(`${cause.message} ${cause.hint ?? ""}`).toMatch(EXPECTED[fault].text);
    });
  }

  it("keeps a caller's X-Request-Id, so a proxy's id and the log line agree", async () => {
    const requestId = `edge-${Date.now()}`;
    const response = await callApp("/api/sites", { cookies: await faulty("unknown_code"), headers: { "x-request-id": requestId } });
    expect(((await response.json()) as { details: { requestId: string } }).details.requestId).toBe(requestId);
    expect(await logLineOf(requestId)).toContain("DK001");
  });

  it("leaves the same request without a fault alone", async () => {
    const response = await callApp("/api/sites", { cookies: await withAccessTokenClaims(operator, (claims) => ({ ...claims, role: "deskops_test_faults" })) });
    expect(response.status).toBe(200);
  });
});

describe("errors: a server action's 500", () => {
  for (const fault of ["statement_timeout", "unknown_code"] as const) {
    it(`returns a ${fault.replace("_", " ")} as INTERNAL_ERROR with a request id, logs its cause, and saves nothing`, async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const notes = `fault-${fault}-${Date.now()}`;
      const materialId = await catalogueId("materials", "RA-20-40");
      const result = await withCookies(await faulty(fault), () =>
        createProduction({ siteId: site.id, date: "2026-03-03", materialId, operation: "crushing", qtyTon: 5, notes }),
      );
      expect(result).toEqual({ success: false, message: "Something went wrong on our side.", code: "INTERNAL_ERROR", details: { requestId: expect.any(String) } });
      if (result.success) return;
      const { requestId } = result.details as { requestId: string };
      const line = logged.mock.calls.map((call) => String(call[0])).find((text) => text.includes(requestId)) ?? "";
      expect(line).toContain("[action]");
      expect(line).toContain("create production");
      expect(line).toContain(EXPECTED[fault].code);
      expect(line).toContain('"label":"Production record"');

      const saved = await serviceClient().from("production").select("id").eq("notes", notes);
      expect(saved.data).toEqual([]);
    });
  }
});
