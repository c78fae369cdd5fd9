// inventory_ledger and inventory_current against the brute-force ledger, on random logs: counts,
// adjustments, opening balances, quiet days, dispatches without a material and cancelled ones.
import { describe, expect, it } from "vitest";
import { sql } from "../helpers/db";
import { catalogueId, createSite, dispatchRow, insertRows, memberOf } from "../helpers/factories";
import { addDays, bruteForceLedger, randomSource, type Movement } from "../helpers/models";

const MATERIALS = ["RA-0-5", "RA-5-20", "ROADBASE"] as const;
const tons = (milliTons: number) => milliTons / 1000;

async function siteToday(timezone: string): Promise<string> {
  const [row] = await sql<{ today: string }>("select to_char(now() at time zone $1, 'YYYY-MM-DD') as today", [timezone]);
  return row!.today;
}

/** Random logs for one site; returns what moves stock, as the oracle sees it. */
async function randomActivity(seed: number, siteId: string, today: string): Promise<Movement[]> {
  const random = randomSource(seed);
  const materialIds = await Promise.all(MATERIALS.map((code) => catalogueId("materials", code)));
  const movements: Movement[] = [];
  const production: Record<string, unknown>[] = [];
  const received: Record<string, unknown>[] = [];
  const dispatches: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  const balanceDays = new Set<string>();

  for (let i = 0; i < 60; i += 1) {
    const materialId = random.pick(materialIds);
    const day = addDays(today, -random.int(0, 20));
    const milliTons = random.int(1, 40_000);
    const qty = tons(milliTons);
    const roll = random.next();
    if (roll < 0.25) {
      production.push({ site_id: siteId, date: day, material_id: materialId, operation: "crushing", qty_ton: qty });
      movements.push({ materialId, day, kind: "produced", milliTons });
    } else if (roll < 0.45) {
      received.push({ site_id: siteId, date: day, material_id: materialId, qty_ton: qty });
      movements.push({ materialId, day, kind: "received", milliTons });
    } else if (roll < 0.75) {
      const status = random.pick(["pending", "ongoing", "completed", "cancelled"] as const);
      dispatches.push(dispatchRow(siteId, { dispatch_date: day, material_id: materialId, qty_ton: qty, status }));
      if (status !== "cancelled") movements.push({ materialId, day, kind: "dispatched", milliTons });
    } else if (roll < 0.82) {
      // A truck without a material or a quantity moves no stock.
      dispatches.push(dispatchRow(siteId, { dispatch_date: day, material_id: random.chance(0.5) ? materialId : null }));
    } else {
      const kind = random.pick(["opening", "count", "adjustment"] as const);
      const key = `${materialId}:${day}:${kind}`;
      if (kind !== "adjustment" && balanceDays.has(key)) continue; // one opening and one count per day
      balanceDays.add(key);
      const signed = kind === "adjustment" && random.chance(0.5) ? -milliTons : milliTons;
      entries.push({ site_id: siteId, date: day, material_id: materialId, kind, qty_ton: tons(signed) });
      movements.push({ materialId, day, kind, milliTons: signed });
    }
  }
  for (const [table, rows] of [
    ["production", production],
    ["received_materials", received],
    ["dispatches", dispatches],
    ["inventory_entries", entries],
  ] as const) {
    if (rows.length > 0) await insertRows(table, rows);
  }
  return movements;
}

interface ViewRow {
  material_id: string;
  day: string;
  opening_ton: string;
  produced_ton: string;
  received_ton: string;
  dispatched_ton: string;
  adjustment_ton: string;
  counted_ton: string | null;
  closing_ton: string;
  today: string;
}

const milli = (value: string | null) => (value === null ? null : Math.round(Number(value) * 1000));

/** The oracle's input read straight from the logs, for checks after updates and deletes. */
async function movementsInTables(siteId: string): Promise<Movement[]> {
  const rows = await sql<{ material_id: string; day: string; kind: Movement["kind"]; milli: string }>(
    `select material_id, to_char(date, 'YYYY-MM-DD') as day, 'produced' as kind, (qty_ton * 1000)::bigint::text as milli from public.production where site_id = $1
     union all select material_id, to_char(date, 'YYYY-MM-DD'), 'received', (qty_ton * 1000)::bigint::text from public.received_materials where site_id = $1
     union all select material_id, to_char(dispatch_date, 'YYYY-MM-DD'), 'dispatched', (qty_ton * 1000)::bigint::text from public.dispatches
       where site_id = $1 and material_id is not null and qty_ton is not null and status <> 'cancelled'
     union all select material_id, to_char(date, 'YYYY-MM-DD'), kind, (qty_ton * 1000)::bigint::text from public.inventory_entries where site_id = $1`,
    [siteId],
  );
  return rows.map((row) => ({ materialId: row.material_id, day: row.day, kind: row.kind, milliTons: Number(row.milli) }));
}

async function ledgerRows(siteId: string, timezone: string) {
  const rows = await sql<ViewRow>(
    `select l.material_id, to_char(l.day, 'YYYY-MM-DD') as day, l.opening_ton, l.produced_ton, l.received_ton,
            l.dispatched_ton, l.adjustment_ton, l.counted_ton, l.closing_ton,
            to_char(now() at time zone $2, 'YYYY-MM-DD') as today
       from public.inventory_ledger l where l.site_id = $1 order by l.material_id, l.day`,
    [siteId, timezone],
  );
  return {
    today: rows[0]?.today ?? "",
    rows: rows.map((row) => ({
      materialId: row.material_id,
      day: row.day,
      opening: milli(row.opening_ton),
      produced: milli(row.produced_ton),
      received: milli(row.received_ton),
      dispatched: milli(row.dispatched_ton),
      adjustment: milli(row.adjustment_ton),
      counted: milli(row.counted_ton),
      closing: milli(row.closing_ton),
    })),
  };
}

describe("db: inventory ledger", () => {
  it.each([1, 2, 3, 4, 5, 6])("equals the brute-force ledger on random logs (seed %i)", async (seed) => {
    const timezone = seed % 2 === 0 ? "Pacific/Kiritimati" : "America/Los_Angeles";
    const site = await createSite({ timezone });
    const movements = await randomActivity(seed, site.id, await siteToday(timezone));

    // One statement: the view and "today" see the same clock.
    const { today, rows: actual } = await ledgerRows(site.id, timezone);
    expect(actual).toEqual(bruteForceLedger(movements, today));

    const current = await sql<{ material_id: string; closing_ton: string }>(
      "select material_id, closing_ton from public.inventory_current where site_id = $1 order by material_id",
      [site.id],
    );
    const lastClosing = new Map(actual.map((row) => [row.materialId, row.closing]));
    expect(current.map((row) => [row.material_id, milli(row.closing_ton)])).toEqual([...lastClosing.entries()]);
  });

  it("follows updates, cancellations, moved dates and deletes of the logs", async () => {
    const timezone = "UTC";
    const site = await createSite({ timezone });
    await randomActivity(42, site.id, await siteToday(timezone));
    await sql("update public.dispatches set status = 'cancelled' where id = (select id from public.dispatches where site_id = $1 and material_id is not null and status = 'pending' limit 1)", [site.id]);
    await sql("update public.production set qty_ton = qty_ton + 1.5, date = date - 1 where id = (select id from public.production where site_id = $1 limit 1)", [site.id]);
    await sql("update public.received_materials set material_id = (select id from public.materials where code = 'FINES') where id = (select id from public.received_materials where site_id = $1 limit 1)", [site.id]);
    await sql("delete from public.production where id = (select id from public.production where site_id = $1 order by id desc limit 1)", [site.id]);
    await sql("delete from public.inventory_entries where id = (select id from public.inventory_entries where site_id = $1 and kind = 'adjustment' limit 1)", [site.id]);
    const { today, rows } = await ledgerRows(site.id, timezone);
    // A day whose movements were all removed leaves the ledger (a zeroed day used to stay, and
    // with it every day after it: one row dated 9999-12-31 made the ledger walk 2.9 M days).
    expect(rows).toEqual(bruteForceLedger(await movementsInTables(site.id), today));
    const [zeroed] = await sql<{ n: string }>(
      "select count(*) as n from private.stock_moves_daily where site_id = $1 and produced_ton = 0 and received_ton = 0 and dispatched_ton = 0 and adjustment_ton = 0",
      [site.id],
    );
    expect(Number(zeroed!.n)).toBe(0);
  });

  it("shows a site's ledger to its members only", async () => {
    const site = await createSite();
    const [viewer, outsider] = await Promise.all([memberOf(site.id, "viewer"), memberOf((await createSite()).id, "manager")]);
    const materialId = await catalogueId("materials", "RA-0-5");
    await insertRows("production", [{ site_id: site.id, date: "2026-01-05", material_id: materialId, operation: "washing", qty_ton: 3 }]);
    const mine = await viewer.client.from("inventory_ledger").select("site_id").eq("site_id", site.id).limit(1);
    expect(mine.data).toEqual([{ site_id: site.id }]);
    const theirs = await outsider.client.from("inventory_current").select("site_id").eq("site_id", site.id);
    expect(theirs.data).toEqual([]);
  });
});
