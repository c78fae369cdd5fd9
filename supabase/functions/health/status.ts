// The health report of the function runtime and the database, kept apart from the HTTP handler
// so it can be tested without a server.

export interface DatabaseProbe {
  /** Resolves with the server's version string, or rejects if the database is unreachable. */
  serverVersion(): Promise<string>;
}

export interface HealthReport {
  status: "ok" | "degraded";
  runtime: { name: "deno"; version: string; typescript: string };
  database: { status: "ok"; version: string; latencyMs: number } | { status: "error"; error: string };
  checkedAt: string;
}

export interface RuntimeInfo {
  deno: string;
  typescript: string;
}

export async function healthReport(
  probe: DatabaseProbe,
  runtime: RuntimeInfo,
  now: () => number = Date.now,
): Promise<HealthReport> {
  const started = now();
  let database: HealthReport["database"];
  try {
    const version = await probe.serverVersion();
    database = { status: "ok", version, latencyMs: Math.max(0, now() - started) };
  } catch (error) {
    database = { status: "error", error: error instanceof Error ? error.message : String(error) };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    runtime: { name: "deno", version: runtime.deno, typescript: runtime.typescript },
    database,
    checkedAt: new Date(now()).toISOString(),
  };
}

/** 200 when everything answers, 503 when the database does not. */
export function statusCode(report: HealthReport): number {
  return report.status === "ok" ? 200 : 503;
}
