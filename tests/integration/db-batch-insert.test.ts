// create_*_batch: up to 5,000 rows in one transaction, all or nothing, idempotent by batch_id,
// with the failing row and field named in the error.
import { randomUUID } from "node:crypto";
import type { PostgrestError } from "@supabase/supabase-js";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH_ROWS } from "@/lib/constants";
import { sql } from "../helpers/db";
import {
  catalogueId,
  createEquipment,
  createSite,
  dispatchRow,
  memberOf,
  type SiteRow,
  type TestUser,
} from "../helpers/factories";

let site: SiteRow;
let otherSite: SiteRow;
let operator: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  [site, otherSite] = await Promise.all([createSite({ timezone: "Asia/Manila" }), createSite()]);
  [operator, viewer] = await Promise.all([memberOf(site.id, "operator"), memberOf(site.id, "viewer")]);
});

const rowsFor = (count: number, overrides: (index: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: count }, (_, index) =>
    dispatchRow(site.id, { lh_trip: `LH-${index + 1}`, plate_number: `ABC ${1000 + index}`, ...overrides(index) }),
  );

interface DispatchRow {
  id: string;
  row_no: number;
  batch_id: string;
  status: string;
  created_by: string;
  lh_trip: string;
  dispatch_date: string;
}

async function submit(rows: unknown, batchId: string = randomUUID(), user: TestUser = operator) {
  const { data, error } = await user.client.rpc("create_dispatch_batch", { rows, batch_id: batchId });
  return { data: (data ?? []) as DispatchRow[], error: error as PostgrestError | null, batchId };
}

async function countBatch(batchId: string): Promise<number> {
  const rows = await sql<{ n: string }>("select count(*) as n from public.dispatches where batch_id = $1", [batchId]);
  return Number(rows[0]!.n);
}

function errorDetails(error: PostgrestError | null): { row?: number; column?: string } {
  return JSON.parse(error?.details ?? "{}") as { row?: number; column?: string };
}

describe("db: create_dispatch_batch", () => {
  it("inserts 5,000 rows in one call, in order, as the caller, with an outbox event and an audit entry each", async () => {
    const { data, error, batchId } = await submit(rowsFor(MAX_BATCH_ROWS));
    expect(error).toBeNull();
    expect(await countBatch(batchId)).toBe(MAX_BATCH_ROWS);
    // PostgREST caps one response at max_rows (1000, as on Supabase); the rest is read by batch_id.
    expect(data).toHaveLength(1000);
    expect(data.map((row) => row.row_no)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(data[41]!.lh_trip).toBe("LH-42");
    expect(new Set(data.map((row) => row.created_by))).toEqual(new Set([operator.id]));
    expect(new Set(data.map((row) => row.status))).toEqual(new Set(["pending"]));
    // No date given: dated today in the site's timezone.
    const [today] = await sql<{ day: string }>("select to_char(now() at time zone 'Asia/Manila', 'YYYY-MM-DD') as day");
    expect(data[0]!.dispatch_date).toBe(today!.day);

    const [outbox] = await sql<{ n: string }>(
      "select count(*) as n from public.sheets_outbox o join public.dispatches d on d.id = o.row_id where d.batch_id = $1 and o.action = 'insert'",
      [batchId],
    );
    expect(Number(outbox!.n)).toBe(MAX_BATCH_ROWS);
    const [audit] = await sql<{ n: string }>(
      "select count(*) as n from public.audit_log a join public.dispatches d on d.id = a.row_id where d.batch_id = $1 and a.actor_id = $2",
      [batchId, operator.id],
    );
    expect(Number(audit!.n)).toBe(MAX_BATCH_ROWS);
  });

  it("returns the first call's rows and inserts nothing when the same batch_id is retried", async () => {
    const batchId = randomUUID();
    const first = await submit(rowsFor(20), batchId);
    const retry = await submit(rowsFor(20), batchId);
    expect(retry.error).toBeNull();
    expect(retry.data.map((row) => row.id)).toEqual(first.data.map((row) => row.id));
    expect(await countBatch(batchId)).toBe(20);
    // The same batch_id for another request, or from another user, is refused (PostgREST: 422).
    const changed = await submit(rowsFor(20, () => ({ remarks: "changed on retry" })), batchId);
    expect(changed.error?.code).toBe("PT422");
    const manager = await memberOf(site.id, "manager");
    expect((await submit(rowsFor(20), batchId, manager)).error?.code).toBe("PT422");
    expect(await countBatch(batchId)).toBe(20);
    const [outbox] = await sql<{ n: string }>(
      "select count(*) as n from public.sheets_outbox o join public.dispatches d on d.id = o.row_id where d.batch_id = $1",
      [batchId],
    );
    expect(Number(outbox!.n)).toBe(20);
  });

  it("rejects the whole batch when one row breaks a rule, naming the row and field", async () => {
    const { error, batchId } = await submit(rowsFor(10, (i) => (i === 2 ? { qty_ton: -1 } : {})));
    expect(error?.code).toBe("23514");
    expect(error?.message).toMatch(/^Row 3: /);
    expect(errorDetails(error)).toMatchObject({ row: 3, column: "qty_ton" });
    expect(await countBatch(batchId)).toBe(0);
  });

  it("names the row and field of a missing required value and of a value of the wrong type", async () => {
    const missing = await submit(rowsFor(5, (i) => (i === 3 ? { status: null } : {})));
    expect(missing.error?.code).toBe("23502");
    expect(errorDetails(missing.error)).toMatchObject({ row: 4, column: "status" });

    // Neither a linehaul route nor a material: the row and the rule's columns are named.
    const neither = await submit(rowsFor(3, (i) => (i === 1 ? { cluster: null } : {})));
    expect(neither.error?.code).toBe("23514");
    expect(errorDetails(neither.error)).toMatchObject({ row: 2, column: "cluster, processor, station, region, dock_number, material_id, qty_ton" });

    const wrongType = await submit(rowsFor(5, (i) => (i === 1 ? { qty_ton: "twelve" } : {})));
    expect(wrongType.error?.code).toBe("22P02");
    expect(errorDetails(wrongType.error)).toMatchObject({ row: 2, column: "qty_ton" });

    const badStatus = await submit(rowsFor(3, (i) => (i === 2 ? { status: "lost" } : {})));
    expect(errorDetails(badStatus.error)).toMatchObject({ row: 3, column: "status" });
    expect(await countBatch(missing.batchId)).toBe(0);
  });

  it("rejects unknown fields, fields the database owns, and batches of the wrong size or shape", async () => {
    const unknown = await submit(rowsFor(3, (i) => (i === 1 ? { colour: "red" } : {})));
    expect(unknown.error?.code).toBe("22023");
    expect(errorDetails(unknown.error)).toMatchObject({ row: 2, column: "colour" });

    const owned = await submit(rowsFor(2, () => ({ created_by: viewer.id })));
    expect(errorDetails(owned.error)).toMatchObject({ row: 1, column: "created_by" });

    const tooMany = await submit(rowsFor(MAX_BATCH_ROWS + 1));
    expect(tooMany.error?.code).toBe("22023");
    expect(tooMany.error?.message).toContain("1 to 5000 rows");

    expect((await submit([])).error?.code).toBe("22023");
    expect((await submit({ not: "an array" })).error?.code).toBe("22023");
    expect(errorDetails((await submit([dispatchRow(site.id), "text"])).error)).toMatchObject({ row: 2 });
  });

  it("accepts seed 001's material dispatch, which names no linehaul route", async () => {
    const materialId = await catalogueId("materials", "RA-20-40");
    const { data, error } = await submit([{ site_id: site.id, dispatch_date: "2026-04-01", material_id: materialId, qty_ton: 24.5 }]);
    expect(error).toBeNull();
    expect(data[0]).toMatchObject({ material_id: materialId, qty_ton: 24.5, cluster: null });
  });

  it("lets RLS refuse rows for another site, and viewers", async () => {
    const foreign = await submit([dispatchRow(otherSite.id)]);
    expect(foreign.error?.code).toBe("42501");
    const asViewer = await submit(rowsFor(2), randomUUID(), viewer);
    expect(asViewer.error?.code).toBe("42501");
    expect(await countBatch(asViewer.batchId)).toBe(0);
  });
});

describe("db: the same batch mechanism for every log", () => {
  it("inserts production, received, equipment and manpower batches, with column defaults for absent keys", async () => {
    const materialId = await catalogueId("materials", "RA-5-20");
    const roleId = await catalogueId("manpower_roles", "SORTER");
    const machines = await Promise.all([createEquipment(site.id), createEquipment(site.id)]);

    const production = await operator.client.rpc("create_production_batch", {
      rows: [
        { site_id: site.id, date: "2026-03-01", material_id: materialId, operation: "crushing", qty_ton: 12.5 },
        { site_id: site.id, date: "2026-03-01", material_id: materialId, operation: "screening", qty_ton: 7, shift: "night" },
      ],
      batch_id: randomUUID(),
    });
    expect(production.error).toBeNull();
    expect((production.data as Array<{ shift: string | null; qty_ton: number }>).map((row) => [row.shift, row.qty_ton])).toEqual([
      [null, 12.5],
      ["night", 7],
    ]);

    const received = await operator.client.rpc("create_received_batch", {
      rows: [{ site_id: site.id, date: "2026-03-01", material_id: materialId, qty_ton: 20, source: "Municipal CDW" }],
    });
    expect(received.error).toBeNull();

    const equipment = await operator.client.rpc("create_equipment_log_batch", {
      rows: machines.map((equipmentId) => ({ site_id: site.id, date: "2026-03-01", equipment_id: equipmentId, hours_run: 10 })),
      batch_id: randomUUID(),
    });
    expect(equipment.error).toBeNull();
    expect((equipment.data as Array<{ hours_down: number }>).map((row) => row.hours_down)).toEqual([0, 0]);

    const manpower = await operator.client.rpc("create_manpower_log_batch", {
      rows: [{ site_id: site.id, date: "2026-03-01", role_id: roleId, headcount: 8, hours: 64, shift: "morning" }],
      batch_id: randomUUID(),
    });
    expect(manpower.error).toBeNull();
  });

  it("names the later of two rows that clash with each other", async () => {
    const machine = await createEquipment(site.id);
    const row = { site_id: site.id, date: "2026-03-02", equipment_id: machine, hours_run: 5 };
    const { error } = await operator.client.rpc("create_equipment_log_batch", { rows: [row, row], batch_id: randomUUID() });
    expect(error?.code).toBe("23505");
    expect(JSON.parse(error!.details)).toMatchObject({ row: 2, column: "equipment_id, date" });
  });
});

interface BatchIssue {
  row: number;
  path: string;
  message: string;
}

const issuesOf = (error: PostgrestError | null) => (JSON.parse(error?.details ?? "{}") as { issues?: BatchIssue[] }).issues ?? [];

describe("db: a failing batch names every bad row, found set-wise", () => {
  it("lists each broken row and field of a 5,000-row batch in words, and saves nothing", async () => {
    const materialId = await catalogueId("materials", "RA-5-20");
    const unknownMaterial = randomUUID();
    // Three kinds of fault, spread over the batch; the test knows where it put each one.
    const broken = new Map<number, { field: string; value: unknown }>([
      [17, { field: "material_id", value: unknownMaterial }],
      [2_500, { field: "qty_ton", value: -3 }],
      [4_000, { field: "date", value: "9999-12-31" }],
      [MAX_BATCH_ROWS, { field: "material_id", value: unknownMaterial }],
    ]);
    const rows = Array.from({ length: MAX_BATCH_ROWS }, (_, index) => {
      const fault = broken.get(index + 1);
      const row: Record<string, unknown> = { site_id: site.id, date: "2026-03-05", material_id: materialId, operation: "crushing", qty_ton: 4 };
      if (fault) row[fault.field] = fault.value;
      return row;
    });
    const batchId = randomUUID();
    const { error } = await operator.client.rpc("create_production_batch", { rows, batch_id: batchId });

    expect(error?.message).toBe("Row 17: Unknown material (4 rows need fixing)");
    expect(issuesOf(error).map(({ row, path }) => [row, path])).toEqual([...broken].map(([row, fault]) => [row, `rows.${row}.${fault.field}`]));
    expect(issuesOf(error).map((issue) => issue.message)).toEqual([
      "Unknown material",
      "Tonnes must be more than 0",
      "Use a date from 2000-01-01 to a year from today",
      "Unknown material",
    ]);
    // No message names a table or a constraint.
    expect(JSON.stringify(issuesOf(error))).not.toMatch(/production|_fkey|constraint|violates/);
    const [saved] = await sql<{ n: string }>("select count(*) as n from public.production where batch_id = $1", [batchId]);
    expect(Number(saved!.n)).toBe(0);
  });

  it("names clashes inside the batch and with rows already saved, and a machine of another site", async () => {
    const [machine, foreignMachine] = await Promise.all([createEquipment(site.id), createEquipment(otherSite.id)]);
    const saved = await operator.client.rpc("create_equipment_log_batch", {
      rows: [{ site_id: site.id, date: "2026-03-10", equipment_id: machine, hours_run: 6 }],
      batch_id: randomUUID(),
    });
    expect(saved.error).toBeNull();
    const { error } = await operator.client.rpc("create_equipment_log_batch", {
      rows: [
        { site_id: site.id, date: "2026-03-10", equipment_id: machine, hours_run: 2 },
        { site_id: site.id, date: "2026-03-11", equipment_id: machine, hours_run: 2 },
        { site_id: site.id, date: "2026-03-11", equipment_id: machine, hours_run: 3 },
        { site_id: site.id, date: "2026-03-12", equipment_id: foreignMachine, hours_run: 3 },
        { site_id: site.id, date: "2026-03-13", equipment_id: machine, hours_run: 20, hours_down: 5 },
      ],
      batch_id: randomUUID(),
    });
    expect(issuesOf(error)).toEqual([
      { row: 1, path: "rows.1.equipment_id", message: "Already saved: a row with the same equipment, date exists" },
      { row: 3, path: "rows.3.equipment_id", message: "Another row of this batch has the same equipment, date" },
      { row: 4, path: "rows.4.equipment_id", message: "Unknown equipment at this site" },
      { row: 5, path: "rows.5.hours_run", message: "Hours run and hours down add up to more than 24" },
    ]);
  });

  it("names every value of the wrong type before reading the rows' rules", async () => {
    const { error } = await submit(rowsFor(6, (i) => (i === 1 ? { qty_ton: "twelve" } : i === 4 ? { dispatch_date: "soon" } : {})));
    expect(error?.code).toBe("22P02");
    expect(issuesOf(error)).toEqual([
      { row: 2, path: "rows.2.qty_ton", message: "Enter a number" },
      { row: 5, path: "rows.5.dispatch_date", message: "Use a date like 2026-01-31" },
    ]);
  });
});

describe("db: days outside 2000-01-01 … a year from today are refused", () => {
  it("refuses a log dated 9999-12-31 or 0001-01-01 straight at PostgREST, in every log table", async () => {
    const materialId = await catalogueId("materials", "RA-5-20");
    for (const date of ["9999-12-31", "0001-01-01", "1999-12-31"]) {
      const { error } = await operator.client
        .from("production")
        .insert({ site_id: site.id, date, material_id: materialId, operation: "crushing", qty_ton: 1 });
      expect(error?.code).toBe("23514");
    }
    const constraints = await sql<{ table_name: string }>(
      "select conrelid::regclass::text as table_name from pg_constraint where conname like '%_operational' and contype = 'c' order by 1",
    );
    expect(new Set(constraints.map((row) => row.table_name))).toEqual(
      new Set(["dispatches", "production", "received_materials", "equipment_logs", "manpower_logs", "inventory_entries", "export_jobs"]),
    );
  });
});
