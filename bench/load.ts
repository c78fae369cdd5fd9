// Issue 16's mixed load: clients, each its own operator at its own site, reading (the dispatch
// list, the inventory, the site's metrics) and writing (batches of 1 to 20 dispatches) through the
// app as fast as it answers, while the app server's memory is sampled once a second. One workload,
// two runs: `npm test` for 30 s (tests/integration/load.test.ts), `npm run bench` for 30 s or, with
// --long, for 5 minutes.
import { randomUUID } from "node:crypto";
import { summarize, treeRss, type Timing } from "./measure";

export interface LoadClient {
  /** The `cookie` header of the client's session. */
  cookie: string;
  siteId: string;
}

export interface LoadResult {
  requests: number;
  statuses: Record<number, number>;
  /** Rows the 201 answers said they saved. */
  savedRows: number;
  latency: Timing;
  /** The app server's resident memory (process tree), bytes, once a second from the start. */
  rss: number[];
}

/** The long run's length (`npm run bench -- --long`): long enough for the server's memory to settle. */
export const LONG_LOAD_SECONDS = 300;

/** Every dispatch this load writes has a trip number starting so; nothing else does. */
export const LOAD_TRIP_PREFIX = "LOAD-";

const today = () => new Date().toISOString().slice(0, 10);

/** One client's next request: three reads in five turns, then batches of 1 to 20 rows. */
function nextRequest(appUrl: string, client: LoadClient, turn: number): Promise<Response> {
  const headers = { cookie: client.cookie, "content-type": "application/json", "accept-encoding": "identity" };
  switch (turn % 5) {
    case 0:
      return fetch(`${appUrl}/api/dispatch?siteId=${client.siteId}&limit=50`, { headers });
    case 1:
      return fetch(`${appUrl}/api/inventory?siteId=${client.siteId}&dateFrom=${today()}&dateTo=${today()}`, { headers });
    case 2:
      return fetch(`${appUrl}/api/dashboard/metrics?siteId=${client.siteId}`, { headers });
    default: {
      const rows = Array.from({ length: 1 + (turn % 20) }, (_, index) => ({
        site_id: client.siteId, cluster: "Load Cluster", processor: "Load Processor", station: "Load Station", region: "NCR",
        dock_number: `D-${index + 1}`, lh_trip: `${LOAD_TRIP_PREFIX}${randomUUID()}`,
      }));
      return fetch(`${appUrl}/api/dispatch`, { method: "POST", headers, body: JSON.stringify({ rows }) });
    }
  }
}

export async function runMixedLoad(appUrl: string, clients: LoadClient[], seconds: number, serverPid: number): Promise<LoadResult> {
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let savedRows = 0;
  const rss = [treeRss(serverPid)];
  const sampler = setInterval(() => rss.push(treeRss(serverPid)), 1000);
  const until = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        for (let turn = 0; Date.now() < until; turn += 1) {
          const started = performance.now();
          const response = await nextRequest(appUrl, client, turn);
          const body = (await response.json()) as { data?: unknown[] };
          latencies.push(performance.now() - started);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status === 201) savedRows += body.data?.length ?? 0;
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  rss.push(treeRss(serverPid));
  return { requests: latencies.length, statuses, savedRows, latency: summarize(latencies), rss };
}

/**
 * How much the server's memory grew once it was warm: the peak of the last third of the run less
 * the peak of the first third (which holds the routes' first compiles and the caches filling).
 */
export function warmRssGrowth(rss: number[]): number {
  const third = Math.max(1, Math.floor(rss.length / 3));
  return Math.max(...rss.slice(-third)) - Math.max(...rss.slice(0, third));
}
