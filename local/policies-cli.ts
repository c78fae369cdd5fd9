// `npm run db:policies`: every row-level security policy of the local database, as Postgres has
// it after the migrations ran (many are made by installer functions; see supabase/README.md).
import pg from "pg";
import { DB_PASSWORD, DB_SUPERUSER, DEFAULT_DB_PORT } from "./config";
import { loadLocalEnv } from "./run";

loadLocalEnv();
const port = process.env.SUPABASE_LOCAL_DB_PORT ?? String(DEFAULT_DB_PORT);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL || `postgresql://${DB_SUPERUSER}:${DB_PASSWORD}@127.0.0.1:${port}/postgres` });
try {
  await client.connect();
  const { rows } = await client.query<{ table: string; cmd: string; policy: string; roles: string; using: string | null; check: string | null }>(
    `select schemaname || '.' || tablename as table, cmd, policyname as policy, array_to_string(roles, ', ') as roles,
            qual as using, with_check as check
       from pg_policies where schemaname in ('public', 'storage', 'realtime') order by 1, 2, 3`,
  );
  let table = "";
  for (const row of rows) {
    if (row.table !== table) console.log(`\n${(table = row.table)}`);
    console.log(`  ${row.cmd.padEnd(6)} ${row.policy}  [to ${row.roles}]`);
    if (row.using) console.log(`         using (${row.using})`);
    if (row.check) console.log(`         with check (${row.check})`);
  }
} catch (error) {
  console.error(`Could not read the policies (is the local stack running?): ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}
