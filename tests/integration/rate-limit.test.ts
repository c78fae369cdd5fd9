// Issue 16: one user sent 6,000 requests and none was refused. Each write now spends one of its
// user's writes (a token bucket in Postgres: 120 at once, then 5 a second); the rest answer 429
// RATE_LIMITED with Retry-After, and reads are never limited.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { createSite, memberOf, type SiteRow, type TestUser } from "../helpers/factories";
import { callApp, signInCookies, type Cookie } from "../helpers/session";
import { TEST_PASSWORD } from "../helpers/supabase";

let site: SiteRow;
let operator: TestUser;
let cookies: Cookie[];
let burst: number;

beforeAll(async () => {
  site = await createSite();
  operator = await memberOf(site.id, "operator", "limited");
  cookies = await signInCookies(operator.email, TEST_PASSWORD);
  [{ burst }] = (await sql<{ burst: number }>("select burst from private.write_rate_rules()")) as [{ burst: number }];
}, 60_000);

describe("rate limits: writes per user", () => {
  it("gives a user with an override (an integration) the allowance set for it", async () => {
    const integration = await memberOf(site.id, "operator", "integration");
    await sql("insert into private.write_allowance_overrides (user_id, burst, per_second) values ($1, 3, 0.01)", [integration.id]);
    const outcomes: number[] = [];
    for (let i = 0; i < 4; i += 1) outcomes.push((await integration.client.rpc("take_write_token")).status);
    expect(outcomes.map((status) => status === 429)).toEqual([false, false, false, true]);
  });

  it("lets a burst of writes through and refuses the next ones with 429 and how long to wait", async () => {
    const outcomes: number[] = [];
    for (let i = 0; i < burst + 10; i += 1) outcomes.push((await operator.client.rpc("take_write_token")).status);
    // The bucket refills 5 a second while the calls run, so the first refusal comes at 121 or a little later.
    expect(outcomes.slice(0, burst).every((status) => status === 204 || status === 200)).toBe(true);
    expect(outcomes.slice(burst)).toContain(429);
    const refused = await operator.client.rpc("take_write_token");
    expect(refused.status).toBe(429);
    const { retryAfterSeconds } = JSON.parse(refused.error!.details) as { retryAfterSeconds: number };
    expect(Number.isInteger(retryAfterSeconds) && retryAfterSeconds >= 1).toBe(true);
  });

  it("answers a write through the API with 429 RATE_LIMITED and Retry-After, saves nothing, and still serves reads", async () => {
    // Ten seconds of debt: the route must refuse, whatever the machine's speed.
    await sql("update private.write_allowances set tokens = -50, refreshed_at = clock_timestamp() where user_id = $1", [operator.id]);
    const trip = `LIMITED-${randomUUID()}`;
    const write = await callApp("/api/dispatch", {
      method: "POST",
      cookies,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rows: [{ site_id: site.id, cluster: "C", processor: "P", station: "S", region: "R", dock_number: "D1", lh_trip: trip }] }),
    });
    expect(write.status).toBe(429);
    expect(Number(write.headers.get("retry-after"))).toBeGreaterThanOrEqual(10);
    expect(await write.json()).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Too many changes in a short time; wait \d+ s/) });
    expect(await sql("select id from public.dispatches where lh_trip = $1", [trip])).toEqual([]);

    const read = await callApp(`/api/dispatch?siteId=${site.id}`, { cookies });
    expect(read.status).toBe(200);
  });
});
