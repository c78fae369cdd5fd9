// GET /functions/v1/health: is the function runtime up, and can it reach the database?
import postgres from "npm:postgres@3.4.9";
import { healthReport, statusCode } from "./status.ts";

const databaseUrl = Deno.env.get("SUPABASE_DB_URL");

async function serverVersion(): Promise<string> {
  if (!databaseUrl) throw new Error("SUPABASE_DB_URL is not set");
  // One short-lived connection per check: a health probe must not hold a pool open.
  const sql = postgres(databaseUrl, { max: 1, connect_timeout: 5, idle_timeout: 1 });
  try {
    const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
    return row.version;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

Deno.serve(async () => {
  const report = await healthReport({ serverVersion }, Deno.version);
  return Response.json(report, { status: statusCode(report) });
});
