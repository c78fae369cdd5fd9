// Can the app reach each Supabase service it depends on? For the status page.
import "server-only";
import { publicEnv } from "@/lib/env";

export type ServiceName = "auth" | "rest" | "storage" | "functions";

export interface ServiceStatus {
  name: ServiceName;
  label: string;
  ok: boolean;
  detail: string;
}

const CHECKS: Array<{ name: ServiceName; label: string; path: string }> = [
  { name: "auth", label: "Auth", path: "/auth/v1/settings" },
  { name: "rest", label: "Database API (PostgREST)", path: "/rest/v1/" },
  { name: "storage", label: "Storage", path: "/storage/v1/bucket" },
  { name: "functions", label: "Edge Functions", path: "/functions/v1/health" },
];

async function check(url: string, anonKey: string): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(url, {
      headers: { apikey: anonKey, authorization: `Bearer ${anonKey}` },
      cache: "no-store",
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    return { ok: response.ok, detail: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : "unreachable" };
  }
}

export async function supabaseServiceStatus(): Promise<{ url: string; services: ServiceStatus[] }> {
  const { supabaseUrl, supabaseAnonKey } = publicEnv();
  const services = await Promise.all(
    CHECKS.map(async ({ name, label, path }) => ({ name, label, ...(await check(`${supabaseUrl}${path}`, supabaseAnonKey)) })),
  );
  return { url: supabaseUrl, services };
}
