// 20 clients, each its own operator, reading and writing through the API at once for 30 s
// (DESKOPS_LOAD_SECONDS=300 for the long version): no 5xx, every write answered as it should
// be (a 429 is a right answer when a client outruns its allowance), and afterwards Postgres's
// connections go back to what they were: nothing leaks under load.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { createSite, memberOf, type SiteRow } from "../helpers/factories";
import { callApp, signInCookies, type Cookie } from "../helpers/session";
import { TEST_PASSWORD } from "../helpers/supabase";

const CLIENTS = 20;
const SECONDS = Number(process.env.DESKOPS_LOAD_SECONDS ?? 30);

let site: SiteRow;
let clients: Cookie[][];

beforeAll(async () => {
  site = await createSite();
  const users = await Promise.all(Array.from({ length: CLIENTS }, (_, index) => memberOf(site.id, "operator", `load-${index}`)));
  clients = await Promise.all(users.map((user) => signInCookies(user.email, TEST_PASSWORD)));
}, 120_000);

const connections = async () =>
  Number((await sql<{ n: string }>("select count(*) as n from pg_stat_activity where backend_type = 'client backend' and datname = current_database()"))[0]!.n);

const today = new Date().toISOString().slice(0, 10);

/** One client's next request: mostly reads, some batches of dispatches. */
function nextRequest(cookies: Cookie[], turn: number): Promise<Response> {
  switch (turn % 5) {
    case 0:
      return callApp(`/api/dispatch?siteId=${site.id}&limit=50`, { cookies });
    case 1:
      return callApp(`/api/inventory?siteId=${site.id}&dateFrom=${today}&dateTo=${today}`, { cookies });
    case 2:
      return callApp(`/api/dashboard/metrics?siteId=${site.id}`, { cookies });
    default: {
      const rows = Array.from({ length: 1 + (turn % 20) }, (_, index) => ({
        site_id: site.id, cluster: "Load Cluster", processor: "Load Processor", station: "Load Station", region: "NCR", dock_number: `D-${index + 1}`, lh_trip: `LOAD-${randomUUID()}`,
      }));
      return callApp("/api/dispatch", { method: "POST", cookies, headers: { "content-type": "application/json" }, body: JSON.stringify({ rows }) });
    }
  }
}

describe("load", () => {
  it(`serves ${CLIENTS} clients reading and writing for ${SECONDS} s with no 5xx, and leaks no connection`, async () => {
    const baseline = await connections();
    const statuses = new Map<number, number>();
    let savedRows = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      clients.map(async (cookies) => {
        for (let turn = 0; Date.now() < until; turn += 1) {
          const response = await nextRequest(cookies, turn);
          const body = (await response.json()) as { data?: unknown[] };
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201) savedRows += body.data?.length ?? 0;
        }
      }),
    );
    const answered = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    console.log(`load: ${answered} requests in ${SECONDS} s (${(answered / SECONDS).toFixed(0)}/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect([...statuses.keys()].every((status) => [200, 201, 429].includes(status))).toBe(true);
    // Every 201 saved its rows, once.
    const [saved] = await sql<{ n: string }>("select count(*) as n from public.dispatches where site_id = $1 and lh_trip like 'LOAD-%'", [site.id]);
    expect(Number(saved!.n)).toBe(savedRows);

    // PostgREST closes idle connections after 30 s; nothing else should be left open.
    const deadline = Date.now() + 60_000;
    while ((await connections()) > baseline + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await connections()).toBeLessThanOrEqual(baseline + 2);
  }, (SECONDS + 120) * 1000);
});
