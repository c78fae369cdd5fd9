// lib/constants.ts and the SQL checks state the same lists; this reads the checks back from the
// database so the two cannot drift apart.
import { buffer as bytesOf } from "node:stream/consumers";
import { to as copyTo } from "pg-copy-streams";
import { describe, expect, it } from "vitest";
import {
  AUDITED_TABLES,
  DISPATCH_STATUSES,
  DISPATCH_TRANSITIONS,
  EXPORT_FORMATS,
  EXPORT_GRANULARITIES,
  EXPORT_MODULES,
  EXPORT_STATUSES,
  INVENTORY_ENTRY_KINDS,
  MATERIAL_CATEGORIES,
  MAX_BATCH_ROWS,
  OPERATION_TYPES,
  OUTBOX_ACTIONS,
  SHIFTS,
  SITE_CODE_MAX_LENGTH,
  SITE_CODE_MIN_LENGTH,
  SITE_ROLES,
  UNIQUE_KEY_FIELDS,
} from "@/lib/constants";
import { addDays, EARLIEST_OPERATIONAL_DAY, isOperationalDay, latestOperationalDay } from "@/lib/dates";
import { csvQuotedLine } from "@/lib/csv";
import { fieldLabel } from "@/lib/errors";
import { sql, withDb } from "../helpers/db";
import { createSite, dispatchRow } from "../helpers/factories";

async function checkDefinition(constraint: string): Promise<string> {
  const rows = await sql<{ definition: string }>(
    "select pg_get_constraintdef(oid) as definition from pg_constraint where conname = $1 and connamespace = 'public'::regnamespace",
    [constraint],
  );
  if (!rows[0]) throw new Error(`No constraint ${constraint}`);
  return rows[0].definition;
}

async function allowedValues(constraint: string): Promise<string[]> {
  return [...(await checkDefinition(constraint)).matchAll(/'([^']+)'::text/g)].map((match) => match[1]!).sort();
}

const lists: Array<[string, readonly string[]]> = [
  ["site_members_role_valid", SITE_ROLES],
  ["dispatches_status_valid", DISPATCH_STATUSES],
  ["production_operation_valid", OPERATION_TYPES],
  ["production_shift_valid", SHIFTS],
  ["manpower_logs_shift_valid", SHIFTS],
  ["materials_category_valid", MATERIAL_CATEGORIES],
  ["inventory_entries_kind_valid", INVENTORY_ENTRY_KINDS],
  ["export_jobs_module_valid", EXPORT_MODULES],
  ["export_audit_module_valid", EXPORT_MODULES],
  ["export_jobs_format_valid", EXPORT_FORMATS],
  ["export_jobs_granularity_valid", EXPORT_GRANULARITIES],
  ["export_jobs_status_valid", EXPORT_STATUSES],
  ["sheets_outbox_action_valid", OUTBOX_ACTIONS],
  ["audit_log_action_valid", OUTBOX_ACTIONS],
];

describe("db: constants match lib/constants.ts", () => {
  it.each(lists)("%s allows exactly the TypeScript list", async (constraint, values) => {
    expect(await allowedValues(constraint)).toEqual([...values].sort());
  });

  it("limits batch row numbers and site codes as the constants do", async () => {
    expect(await checkDefinition("dispatches_row_no_range")).toContain(`${MAX_BATCH_ROWS}`);
    const siteCode = await checkDefinition("sites_code_length");
    expect(siteCode).toContain(`char_length(code) >= ${SITE_CODE_MIN_LENGTH})`);
    expect(siteCode).toContain(`char_length(code) <= ${SITE_CODE_MAX_LENGTH})`);
    const batchLimit = await sql<{ body: string }>("select prosrc as body from pg_proc where proname = 'insert_batch'");
    expect(batchLimit[0]!.body).toContain(`row_count > ${MAX_BATCH_ROWS}`);
  });

  it("audits and restores the tables AUDITED_TABLES names", async () => {
    const [row] = await sql<{ tables: string[] }>("select array(select unnest(private.operational_tables())::text) as tables");
    expect(row!.tables.map((name) => name.replace(/^public\./, "")).sort()).toEqual([...AUDITED_TABLES].sort());
  });

  it("names every column of the operational tables in the same words for a batch (SQL) and a single write (TS)", async () => {
    const columns = await sql<{ name: string; label: string }>(
      `select c.column_name as name, private.field_label(c.column_name) as label
       from information_schema.columns c
       where c.table_schema = 'public' and c.table_name = any ($1::text[])`,
      [[...AUDITED_TABLES]],
    );
    expect(columns.length).toBeGreaterThan(40);
    expect(columns.filter((column) => fieldLabel(column.name) !== column.label)).toEqual([]);
  });

  it("names the columns of every unique key a user's write can clash with, as UNIQUE_KEY_FIELDS says", async () => {
    const keys = await sql<{ name: string; columns: string[] }>(
      `select c.relname as name, array(select pg_get_indexdef(i.indexrelid, k, true) from generate_series(1, i.indnkeyatts) k) as columns
       from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
       where i.indisunique and not i.indisprimary and t.relnamespace = 'public'::regnamespace`,
    );
    // Keys of columns no user writes: the batch's own numbering, ids, the outbox, the export audit, ops ids.
    const systemKey = (columns: string[]) => columns.some((column) => ["batch_id", "id", "seq", "job_id", "ops_id"].includes(column));
    const userKeys = keys.filter((key) => !systemKey(key.columns));
    const columnOf = (expression: string) => (/^\w+$/.test(expression) ? expression : /\(\s*(\w+)/.exec(expression)![1]!);
    expect(Object.fromEntries(userKeys.map((key) => [key.name, key.columns.map(columnOf).filter((column) => column !== "site_id")]))).toEqual(UNIQUE_KEY_FIELDS);
  });

  it("quotes a CSV field as lib/csv.ts does (COPY over private.csv_field, the dispatch export's lines)", async () => {
    const values = ["plain", 'say "hi"', "=HYPERLINK(1)", "+1", "-3", "@SUM(A1)", "\tx", "a,b;c", "two\nlines", "Ñandú 漢字", "", null];
    const copied = await withDb(async (client) => {
      const [{ statement }] = (await client.query<{ statement: string }>(
        "select format('copy (select private.csv_field(v) from unnest(%L::text[]) with ordinality as t(v, n) order by n) to stdout with (format csv, force_quote *)', $1::text[]) as statement",
        [values],
      )).rows as [{ statement: string }];
      return (await bytesOf(client.query(copyTo(statement)))).toString();
    });
    expect(copied).toBe(values.map((value) => csvQuotedLine([value])).join(""));
  });

  it("accepts the same days as lib/dates.ts: from EARLIEST_OPERATIONAL_DAY to latestOperationalDay()", async () => {
    const latest = latestOperationalDay();
    const edges = [addDays(EARLIEST_OPERATIONAL_DAY, -1), EARLIEST_OPERATIONAL_DAY, latest, addDays(latest, 1)];
    const rows = await sql<{ day: string; accepted: boolean }>(
      "select to_char(day, 'YYYY-MM-DD') as day, private.is_operational_day(day) as accepted from unnest($1::date[]) as day",
      [edges],
    );
    expect(rows.map((row) => [row.day, row.accepted])).toEqual(edges.map((day) => [day, isOperationalDay(day)]));
    expect(rows.map((row) => row.accepted)).toEqual([false, true, true, false]);
  });

  it("enforces DISPATCH_TRANSITIONS and nothing else", async () => {
    const site = await createSite();
    const pairs = DISPATCH_STATUSES.flatMap((from) => DISPATCH_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));
    const outcomes = await withDb(async (client) => {
      const results: Record<string, boolean> = {};
      for (const [from, to] of pairs) {
        await client.query("begin");
        const row = dispatchRow(site.id, { status: from, dispatch_date: "2026-01-01" });
        const columns = Object.keys(row);
        const inserted = await client.query<{ id: string }>(
          `insert into public.dispatches (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
          Object.values(row),
        );
        try {
          await client.query("update public.dispatches set status = $2 where id = $1", [inserted.rows[0]!.id, to]);
          results[`${from}->${to}`] = true;
        } catch {
          results[`${from}->${to}`] = false;
        }
        await client.query("rollback");
      }
      return results;
    });
    const expected = Object.fromEntries(pairs.map(([from, to]) => [`${from}->${to}`, DISPATCH_TRANSITIONS[from].includes(to)]));
    expect(outcomes).toEqual(expected);
  });
});
