// What a Supabase project's database has that migrations and the API rely on: the roles'
// statement timeouts (a slow query fails here as it would there) and `extensions` on the
// search_path (unqualified gen_salt, crypt and uuid_generate_v4 resolve).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { anonClient, stack } from "../helpers/supabase";

describe("platform: role settings", () => {
  it("sets Supabase's statement timeouts: anon 3 s, authenticated and authenticator 8 s", async () => {
    const rows = await sql<{ role: string; setting: string }>(
      `select r.rolname as role, s.setting from pg_db_role_setting d join pg_roles r on r.oid = d.setrole,
              unnest(d.setconfig) as s(setting)
        where r.rolname in ('anon', 'authenticated', 'authenticator') and s.setting like 'statement_timeout=%' order by 1`,
    );
    expect(rows).toEqual([
      { role: "anon", setting: "statement_timeout=3s" },
      { role: "authenticated", setting: "statement_timeout=8s" },
      { role: "authenticator", setting: "statement_timeout=8s" },
    ]);
  });

  it("cancels an anonymous request that runs past 3 s, through the API", async () => {
    const started = Date.now();
    const { error } = await anonClient().rpc("conformance_sleep", { seconds: 4 });
    expect(error?.code).toBe("57014");
    expect(error?.message).toMatch(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(3_900);
  }, 15_000);

  it("finds extension functions without a schema, on a new connection as migrations make one", async () => {
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ search_path: string; hashed: boolean; id: string }>(
        "select current_setting('search_path') as search_path, crypt('secret', gen_salt('bf')) like '$2a$%' as hashed, uuid_generate_v4()::text as id",
      );
      expect(rows[0]).toMatchObject({ search_path: '"$user", public, extensions', hashed: true });
      expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await client.end();
    }
  });
});
