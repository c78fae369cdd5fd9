// A lint of the live database schema: the rules of DESIGN.md and STYLE.md that a migration could
// silently break. Each rule is also shown to catch a bad example, inside a rolled-back transaction.
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { withDb } from "../helpers/db";

type Lint = (client: pg.Client) => Promise<string[]>;

const names = async (client: pg.Client, text: string) =>
  (await client.query<{ name: string }>(text)).rows.map((row) => row.name).sort();

const lints: Record<string, Lint> = {
  "public tables without RLS": (client) =>
    names(client, `select c.relname as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity`),

  "views without security_invoker": (client) =>
    names(client, `select c.relname as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
        and not coalesce(c.reloptions @> array['security_invoker=true'], false)`),

  "security definer functions without a fixed search_path": (client) =>
    names(client, `select p.oid::regprocedure::text as name from pg_proc p
      where p.prosecdef and p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`),

  // pg_get_expr prints a wrapped call as "( SELECT auth.uid() AS uid)": every call must be one.
  "policies calling auth.uid() or a private helper unwrapped": (client) =>
    names(client, `select format('%s.%s', tablename, policyname) as name from pg_policies
      where schemaname = 'public' and exists (
        select 1 from regexp_matches(coalesce(qual, '') || ' ' || coalesce(with_check, ''),
          '(.{0,8})((auth|private)\\.[a-z_]+\\()', 'g') as m
        where m[1] !~ 'SELECT $')`),

  // Policies name the signed-in role (or a role made from it, as the test-only fault role is);
  // never anon or PUBLIC, and never FOR ALL.
  "policies for all commands or for anon or public": (client) =>
    names(client, `select format('%s.%s', tablename, policyname) as name from pg_policies
      where schemaname = 'public' and (cmd = 'ALL' or roles && '{public,anon}'::name[])`),

  "public tables without a comment": (client) =>
    names(client, `select c.relname as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and obj_description(c.oid, 'pg_class') is null`),

  "foreign keys without an index": (client) =>
    names(client, `select format('%s(%s)', c.conrelid::regclass, c.conname) as name from pg_constraint c
      where c.contype = 'f' and c.connamespace in ('public'::regnamespace, 'private'::regnamespace)
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)`),
};

// What each rule must catch; created inside a transaction that is rolled back.
const badExamples: Record<string, string> = {
  "public tables without RLS": "create table public.lint_bad (id int primary key)",
  "views without security_invoker": "create view public.lint_bad_view as select 1 as one",
  "security definer functions without a fixed search_path":
    "create function public.lint_bad_fn() returns int language sql security definer as 'select 1'",
  "policies calling auth.uid() or a private helper unwrapped":
    `create table public.lint_bad (id uuid primary key); alter table public.lint_bad enable row level security;
     create policy "bad" on public.lint_bad for select to authenticated using (id = auth.uid())`,
  "policies for all commands or for anon or public":
    `create table public.lint_bad (id uuid primary key); alter table public.lint_bad enable row level security;
     create policy "bad" on public.lint_bad using (true)`,
  "public tables without a comment":
    "create table public.lint_bad (id int primary key); alter table public.lint_bad enable row level security",
  "foreign keys without an index":
    `create table public.lint_bad (id int primary key, site_id uuid references public.sites (id));
     alter table public.lint_bad enable row level security`,
};

describe("database lint", () => {
  for (const [rule, lint] of Object.entries(lints)) {
    it(`finds no ${rule}`, async () => {
      expect(await withDb(lint)).toEqual([]);
    });

    it(`catches ${rule} in a bad example`, async () => {
      const found = await withDb(async (client) => {
        await client.query("begin");
        try {
          await client.query(badExamples[rule]!);
          return await lint(client);
        } finally {
          await client.query("rollback");
        }
      });
      expect(found.length).toBeGreaterThan(0);
      expect(found.join(" ")).toMatch(/lint_bad/);
    });
  }
});
