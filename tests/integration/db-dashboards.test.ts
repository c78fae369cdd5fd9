// dashboard_kpis() and site_metrics() against brute-force recomputations on random data, with
// sites in timezones 25 hours apart so "today" differs between them, and rows on both sides of
// each site's midnight.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "../helpers/db";
import {
  addMember,
  catalogueId,
  createEquipment,
  createSite,
  createUser,
  dispatchRow,
  insertRows,
  type SiteRow,
} from "../helpers/factories";
import { addDays, bruteForceLedger, localDay, percentageChange, randomSource, type Movement } from "../helpers/models";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const round1 = (value: number) => Math.round(value * 10) / 10;

async function databaseNow(): Promise<Date> {
  const [row] = await sql<{ now: Date }>("select now() as now");
  return row!.now;
}

/** Midnight at the start of `day` in `timeZone`, as an instant (found by search: DST-proof). */
function localMidnight(day: string, timeZone: string): number {
  let guess = Date.parse(`${day}T00:00:00Z`);
  for (let i = 0; i < 3; i += 1) {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(guess));
    const hour = Number(parts.find((part) => part.type === "hour")!.value);
    const minute = Number(parts.find((part) => part.type === "minute")!.value);
    const local = localDay(new Date(guess), timeZone);
    const offsetMinutes = (local > day ? 24 * 60 : local < day ? -24 * 60 : 0) + hour * 60 + minute;
    guess -= offsetMinutes * 60_000;
  }
  return guess;
}

interface GeneratedDispatch {
  siteId: string;
  createdAt: number;
  status: "pending" | "ongoing" | "completed" | "cancelled";
  completedAt: number | null;
  createdBy: string;
}

/** The first day of last month and the same day as today in it (capped at its end), as the trends compare. */
function lastMonthSpan(today: string): { start: string; sameDay: string } {
  const monthStart = `${today.slice(0, 8)}01`;
  const start = `${addDays(monthStart, -1).slice(0, 8)}01`;
  const daysIn = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${monthStart}T00:00:00Z`)) / DAY;
  const sameDay = addDays(start, daysIn);
  return { start, sameDay: sameDay < monthStart ? sameDay : addDays(monthStart, -1) };
}

/**
 * 150 dispatches at the sites over the last 70 days, 40 % of them minutes either side of a day
 * that counts (each site's midnight today, the start of this and last month, the day after the
 * same day last month), none within two minutes of one; inserted, and returned.
 */
async function generateDispatches(random: ReturnType<typeof randomSource>, sites: SiteRow[], authors: Array<{ id: string }>, now: number): Promise<GeneratedDispatch[]> {
  const edges = sites.flatMap((site) => {
    const today = localDay(new Date(now), site.timezone);
    const monthStart = `${today.slice(0, 8)}01`;
    const lastMonth = lastMonthSpan(today);
    return [today, monthStart, lastMonth.start, addDays(lastMonth.sameDay, 1)].map((day) => localMidnight(day, site.timezone));
  });
  const GUARD = 2 * 60_000; // stay clear of a boundary by two minutes either side
  const nearBoundary = (instant: number) =>
    instant > now - GUARD || [...edges, now - DAY].some((edge) => Math.abs(instant - edge) < GUARD);

  const generated: GeneratedDispatch[] = [];
  while (generated.length < 150) {
    const site = random.pick(sites);
    const createdAt = random.chance(0.4)
      ? random.pick(edges) + (random.chance(0.5) ? -1 : 1) * random.int(3, 120) * 60_000 // either side of an edge
      : now - random.int(0, 70 * 24 * 60) * 60_000;
    if (createdAt > now || nearBoundary(createdAt)) continue;
    const status = random.pick(["pending", "ongoing", "completed", "cancelled"] as const);
    const completedAt = status === "completed" ? Math.min(now - GUARD, createdAt + random.int(1, 36 * 60) * 60_000) : null;
    if (completedAt !== null && (completedAt < createdAt || nearBoundary(completedAt))) continue;
    generated.push({ siteId: site.id, createdAt, status, completedAt, createdBy: random.pick(authors).id });
  }
  await insertRows(
    "dispatches",
    generated.map((row) =>
      dispatchRow(row.siteId, {
        status: row.status,
        created_at: new Date(row.createdAt).toISOString(),
        completed_at: row.completedAt === null ? null : new Date(row.completedAt).toISOString(),
        created_by: row.createdBy,
      }),
    ),
  );
  return generated;
}

describe("db: dashboard_kpis", () => {
  it.each([11, 12, 13])("equals a brute-force count across midnight in two timezones (seed %i)", async (seed) => {
    const random = randomSource(seed);
    const sites = await Promise.all([createSite({ timezone: "Pacific/Kiritimati" }), createSite({ timezone: "Pacific/Pago_Pago" })]);
    const [viewer, ...authors] = await Promise.all([createUser("kpi-viewer"), createUser("a1"), createUser("a2"), createUser("a3")]);
    for (const site of sites) await addMember(site.id, viewer!.id, "viewer");

    const now = (await databaseNow()).getTime();
    const generated = await generateDispatches(random, sites, authors, now);

    const { data, error } = await viewer!.client.rpc("dashboard_kpis").single();
    expect(error).toBeNull();

    const tzOf = new Map(sites.map((site) => [site.id, site.timezone]));
    const dayOf = (row: GeneratedDispatch, instant: number) => localDay(new Date(instant), tzOf.get(row.siteId)!);
    const todayOf = (row: GeneratedDispatch) => localDay(new Date(now), tzOf.get(row.siteId)!);
    const monthOf = (day: string) => day.slice(0, 7);
    const lastMonthOf = (day: string) => addDays(`${day.slice(0, 8)}01`, -1).slice(0, 7);
    const today = generated.filter((row) => dayOf(row, row.createdAt) === todayOf(row)).length;
    const thisMonth = generated.filter((row) => monthOf(dayOf(row, row.createdAt)) === monthOf(todayOf(row))).length;
    const lastMonth = generated.filter((row) => monthOf(dayOf(row, row.createdAt)) === lastMonthOf(todayOf(row))).length;
    const completedToday = generated.filter(
      (row) => row.completedAt !== null && dayOf(row, row.completedAt) === todayOf(row),
    ).length;
    expect(data).toEqual({
      total_dispatches: generated.length,
      today_dispatches: today,
      this_month_dispatches: thisMonth,
      last_month_dispatches: lastMonth,
      monthly_change: lastMonth > 0 ? round1(((thisMonth - lastMonth) / lastMonth) * 100) : 0,
      pending_dispatches: generated.filter((row) => row.status === "pending").length,
      completed_today: completedToday,
      completion_rate: today > 0 ? round1((completedToday / today) * 100) : 0,
      active_users_24h: new Set(generated.filter((row) => row.createdAt >= now - DAY).map((row) => row.createdBy)).size,
    });

    // The counters follow updates and deletes too.
    const [first] = await sql<{ id: string }>("select id from public.dispatches where site_id = $1 and status = 'pending' limit 1", [sites[0]!.id]);
    if (first) {
      await sql("update public.dispatches set status = 'cancelled' where id = $1", [first.id]);
      const after = await viewer!.client.rpc("dashboard_kpis").single<{ pending_dispatches: number }>();
      expect(after.data?.pending_dispatches).toBe(generated.filter((row) => row.status === "pending").length - 1);
      await sql("delete from public.dispatches where id = $1", [first.id]);
      const afterDelete = await viewer!.client.rpc("dashboard_kpis").single<{ total_dispatches: number }>();
      expect(afterDelete.data?.total_dispatches).toBe(generated.length - 1);
    }
  });

  it("counts nothing for a user who belongs to no site", async () => {
    const loner = await createUser("loner");
    const { data } = await loner.client.rpc("dashboard_kpis").single<{ total_dispatches: number }>();
    expect(data?.total_dispatches).toBe(0);
  });
});

const trendRows = z.array(z.object({ kpi: z.string(), current_value: z.number(), previous_value: z.number() }));

describe("db: dashboard_kpi_trends", () => {
  it.each([21, 22])("compares month to date with the same days of last month, per site calendar (seed %i)", async (seed) => {
    const random = randomSource(seed);
    const sites = await Promise.all([createSite({ timezone: "Pacific/Kiritimati" }), createSite({ timezone: "Pacific/Pago_Pago" })]);
    const [viewer, ...authors] = await Promise.all([createUser("trend-viewer"), createUser("t1"), createUser("t2"), createUser("t3"), createUser("t4")]);
    for (const site of sites) await addMember(site.id, viewer!.id, "viewer");
    const now = (await databaseNow()).getTime();
    const generated = await generateDispatches(random, sites, authors, now);

    const tzOf = new Map(sites.map((site) => [site.id, site.timezone]));
    const createdDay = (row: GeneratedDispatch) => localDay(new Date(row.createdAt), tzOf.get(row.siteId)!);
    const todayAt = (row: GeneratedDispatch) => localDay(new Date(now), tzOf.get(row.siteId)!);
    const isNow = (row: GeneratedDispatch) => createdDay(row) >= `${todayAt(row).slice(0, 8)}01`;
    const isBefore = (row: GeneratedDispatch) => {
      const span = lastMonthSpan(todayAt(row));
      return createdDay(row) >= span.start && createdDay(row) <= span.sameDay;
    };
    const count = (inPeriod: (row: GeneratedDispatch) => boolean, status?: GeneratedDispatch["status"]) =>
      generated.filter((row) => inPeriod(row) && (status === undefined || row.status === status)).length;
    const rate = (completed: number, created: number) => (created > 0 ? round1((completed * 100) / created) : 0);
    const people = (inPeriod: (row: GeneratedDispatch) => boolean) => new Set(generated.filter(inPeriod).map((row) => row.createdBy)).size;

    const { data, error } = await viewer!.client.rpc("dashboard_kpi_trends", { site_ids: sites.map((site) => site.id) });
    expect(error).toBeNull();
    const figures = Object.fromEntries(trendRows.parse(data).map((row) => [row.kpi, [Number(row.current_value), Number(row.previous_value)]]));
    expect(figures).toEqual({
      totalDispatches: [count(isNow), count(isBefore)],
      pendingReports: [count(isNow, "pending"), count(isBefore, "pending")],
      completionRate: [rate(count(isNow, "completed"), count(isNow)), rate(count(isBefore, "completed"), count(isBefore))],
      activeUsers: [people(isNow), people(isBefore)],
    });
    // Something in each period, or the comparison above proves little.
    expect(count(isNow)).toBeGreaterThan(0);
    expect(count(isBefore)).toBeGreaterThan(0);

    // One site only: the other's dispatches leave every figure.
    const [first] = sites;
    const one = await viewer!.client.rpc("dashboard_kpi_trends", { site_ids: [first!.id] });
    const total = trendRows.parse(one.data).find((row) => row.kpi === "totalDispatches");
    const ofFirst = (inPeriod: (row: GeneratedDispatch) => boolean) => (row: GeneratedDispatch) => row.siteId === first!.id && inPeriod(row);
    expect([Number(total?.current_value), Number(total?.previous_value)]).toEqual([count(ofFirst(isNow)), count(ofFirst(isBefore))]);
  });
});

interface MetricRow {
  metric: string;
  current_value: number;
  previous_value: number;
  percentage_change: number;
}

async function siteActivity(seed: number, site: SiteRow, today: string) {
  const random = randomSource(seed);
  const materialIds = await Promise.all(["RA-0-5", "RA-5-20"].map((code) => catalogueId("materials", code)));
  const machines = await Promise.all([createEquipment(site.id, 20), createEquipment(site.id, 16)]);
  const movements: Movement[] = [];
  const sums = { production: new Map<string, number>(), dispatched: new Map<string, number>(), received: new Map<string, number>(), hoursRun: new Map<string, number>() };
  const add = (map: Map<string, number>, day: string, value: number) => map.set(day, (map.get(day) ?? 0) + value);
  const days = [0, 1, 2, 3].map((back) => addDays(today, -back));
  const production = [];
  const received = [];
  const dispatches = [];
  const equipmentLogs = [];
  for (const day of days) {
    for (let i = 0; i < 6; i += 1) {
      const materialId = random.pick(materialIds);
      const milliTons = random.int(1, 50_000);
      const kind = random.pick(["produced", "received", "dispatched", "cancelled"] as const);
      if (kind === "produced") {
        production.push({ site_id: site.id, date: day, material_id: materialId, operation: "screening", qty_ton: milliTons / 1000 });
        add(sums.production, day, milliTons);
        movements.push({ materialId, day, kind, milliTons });
      } else if (kind === "received") {
        received.push({ site_id: site.id, date: day, material_id: materialId, qty_ton: milliTons / 1000 });
        add(sums.received, day, milliTons);
        movements.push({ materialId, day, kind, milliTons });
      } else {
        dispatches.push(dispatchRow(site.id, { dispatch_date: day, material_id: materialId, qty_ton: milliTons / 1000, status: kind === "cancelled" ? "cancelled" : "pending" }));
        if (kind === "dispatched") {
          add(sums.dispatched, day, milliTons);
          movements.push({ materialId, day, kind, milliTons });
        }
      }
    }
    for (const machine of machines) {
      if (random.chance(0.2)) continue;
      const hundredths = random.int(0, 1600);
      equipmentLogs.push({ site_id: site.id, date: day, equipment_id: machine, hours_run: hundredths / 100 });
      add(sums.hoursRun, day, hundredths);
    }
  }
  const opening = { site_id: site.id, date: days[3], material_id: materialIds[0], kind: "opening", qty_ton: 500 };
  movements.push({ materialId: materialIds[0]!, day: days[3]!, kind: "opening", milliTons: 500_000 });
  await Promise.all([
    insertRows("production", production),
    insertRows("received_materials", received),
    insertRows("dispatches", dispatches),
    insertRows("equipment_logs", equipmentLogs),
    insertRows("inventory_entries", [opening]),
  ]);
  return { sums, movements, hoursAvailable: 36 };
}

describe("db: site_metrics", () => {
  it.each([21, 22])("equals a brute-force recomputation for today in the site's timezone (seed %i)", async (seed) => {
    const timezone = seed % 2 === 0 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
    const site = await createSite({ timezone });
    const member = await createUser("metrics");
    await addMember(site.id, member.id, "viewer");
    const today = localDay(await databaseNow(), timezone);
    const { sums, movements, hoursAvailable } = await siteActivity(seed, site, today);

    const { data, error } = await member.client.rpc("site_metrics", { site_id: site.id });
    expect(error).toBeNull();
    const ledger = bruteForceLedger(movements, today);
    const stock = (day: string) => ledger.filter((row) => row.day === day).reduce((sum, row) => sum + row.closing, 0) / 1000;
    const yesterday = addDays(today, -1);
    const tons = (map: Map<string, number>, day: string) => (map.get(day) ?? 0) / 1000;
    const utilisation = (day: string) => Math.round(((sums.hoursRun.get(day) ?? 0) / 100 / hoursAvailable) * 100 * 100) / 100;
    const expected: Array<[string, number, number]> = [
      ["totalProduction", tons(sums.production, today), tons(sums.production, yesterday)],
      ["totalDispatched", tons(sums.dispatched, today), tons(sums.dispatched, yesterday)],
      ["totalReceived", tons(sums.received, today), tons(sums.received, yesterday)],
      ["equipmentUtilization", utilisation(today), utilisation(yesterday)],
      ["currentInventoryStatus", stock(today), stock(yesterday)],
    ];
    const rows = data as MetricRow[];
    expect(rows.map((row) => row.metric)).toEqual(expected.map(([metric]) => metric));
    for (const [index, [metric, current, previous]] of expected.entries()) {
      const row = rows[index]!;
      expect([metric, row.current_value, row.previous_value]).toEqual([metric, current, previous]);
      expect(row.percentage_change).toBeCloseTo(percentageChange(current, previous), 9);
    }

    // An explicit day moves the window: yesterday's figures become "current".
    const shifted = await member.client.rpc("site_metrics", { site_id: site.id, day: yesterday });
    expect((shifted.data as MetricRow[])[0]!.current_value).toBe(tons(sums.production, yesterday));
  });

  it("returns nothing for a site the caller cannot read", async () => {
    const site = await createSite();
    const stranger = await createUser("stranger");
    const { data } = await stranger.client.rpc("site_metrics", { site_id: site.id });
    expect(data).toEqual([]);
  });
});
