// What every scenario shares: the running stack and app, signed-in users, and the helpers that
// make requests and rows.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SupabaseClient } from "@supabase/supabase-js";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { cookieHeader, signInCookies } from "@/local/session-cookies";
import type { RunningStack } from "@/local/stack";

/** The app under test: `next start` of a production build, and session cookies for it. */
export interface BenchApp {
  url: string;
  pid: number;
  cookies: { admin: string; operator: string };
}

export interface Bench {
  stack: RunningStack;
  pool: pg.Pool;
  admin: SupabaseClient;
  operator: SupabaseClient;
  operatorId: string;
  siteId: string;
}

/** The bench once the app is up (it is built while the data is generated). */
export interface AppBench extends Bench {
  app: BenchApp;
}

/** The `cookie` header the app's @supabase/ssr client reads, for a user signed in with a password. */
export async function sessionCookie(stack: RunningStack, email: string, password: string): Promise<string> {
  return cookieHeader(await signInCookies(stack.apiUrl, stack.anonKey, email, password));
}

/**
 * A request to the app as `as` (admin or operator); a non-2xx answer fails the scenario. It asks
 * for an uncompressed answer, as every reference here gets one (the local gateway does not
 * compress): `next start` gzips for browsers, which costs about 15 ms per 450 KB on this machine.
 */
export async function appFetch(bench: AppBench, path: string, as: keyof BenchApp["cookies"], init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${bench.app.url}${path}`, {
    ...init,
    headers: {
      cookie: bench.app.cookies[as],
      "content-type": "application/json",
      "accept-encoding": "identity",
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  if (!response.ok) throw new Error(`bench request ${init.method ?? "GET"} ${path} failed: ${response.status} ${await response.text()}`);
  return response;
}

/** appFetch, read to the end as JSON. */
export async function appJson(bench: AppBench, path: string, as: keyof BenchApp["cookies"], init: RequestInit = {}): Promise<unknown> {
  return (await appFetch(bench, path, as, init)).json();
}

export const log = (message: string) => console.log(`[bench] ${message}`);

export async function check<T>(promise: PromiseLike<{ error: unknown; data: T }>): Promise<T> {
  const { data, error } = await promise;
  if (error) throw new Error(`bench request failed: ${JSON.stringify(error)}`);
  return data;
}

export function batchRows(siteId: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    site_id: siteId,
    dispatch_date: "2026-06-01",
    cluster: "Pasig Cluster A",
    processor: "Pasig Processing Center",
    station: "Bench Station",
    region: "NCR",
    dock_number: `D-${(i % 24) + 1}`,
    lh_trip: `LH-B-${i}`,
    plate_number: `BCH ${1000 + i}`,
    fleet_size: "10-wheeler",
    remarks: i % 7 === 0 ? 'Fragile, "handle" with care' : null,
  }));
}

export async function copyRows(pool: pg.Pool, rows: ReturnType<typeof batchRows>, createdBy: string): Promise<void> {
  const columns = [...Object.keys(rows[0]!), "created_by"];
  const quote = (value: unknown) => (value === null ? "" : `"${String(value).replaceAll('"', '""')}"`);
  const csv = rows.map((row) => [...Object.values(row), createdBy].map(quote).join(",")).join("\n") + "\n";
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom(`copy public.dispatches (${columns.join(", ")}) from stdin with (format csv)`));
    await pipeline(Readable.from([csv]), stream);
  } finally {
    client.release();
  }
}
