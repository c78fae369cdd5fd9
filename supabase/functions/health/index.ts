// GET /functions/v1/health: is the function runtime up, and can it reach the database?
// @ts-types="npm:@types/pg@8.23.1"
import pg from "npm:pg@8.23.1";
import { healthReport, statusCode } from "./status.ts";

const databaseUrl = Deno.env.get("SUPABASE_DB_URL");

async function serverVersion(): Promise<string> {
  if (!databaseUrl) throw new Error("SUPABASE_DB_URL is not set");
  // One short-lived connection per check: a health probe must not hold a pool open.
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>("select current_setting('server_version') as version");
    return rows[0]!.version;
  } finally {
    await client.end().catch(() => undefined);
  }
}

Deno.serve(async () => {
  const report = await healthReport({ serverVersion }, Deno.version);
  return Response.json(report, { status: statusCode(report) });
});
