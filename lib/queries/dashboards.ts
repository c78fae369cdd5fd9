// The dashboards' figures, each from one SQL function (dashboard_kpis, site_metrics, activity_totals).
import { isDispatchStatus, type DispatchStatus } from "@/lib/constants";
import { daysBetween } from "@/lib/dates";
import { fromPostgrest, notFound } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";

/** Seed 000's KPI card: { totalDispatches: { value, label, change }, ... }, for some sites or all readable. */
export async function dashboardKpis(supabase: Supabase, siteIds: string[] | null = null) {
  const { data: figures, error } = await supabase.rpc("dashboard_kpis", siteIds ? { site_ids: siteIds } : {}).single();
  if (error) throw fromPostgrest(error, "The dashboard");
  return {
    totalDispatches: { value: figures.total_dispatches, label: "Total Dispatches", change: null },
    pendingReports: { value: figures.pending_dispatches, label: "Pending Reports", change: null },
    completionRate: { value: Number(figures.completion_rate), label: "Completion Rate", unit: "%", change: null },
    activeUsers: { value: figures.active_users_24h, label: "Active Users (24h)", change: null },
    monthlyDispatches: { value: figures.this_month_dispatches, label: "This Month", change: Number(figures.monthly_change) },
  };
}

export const SITE_METRICS = ["totalProduction", "totalDispatched", "totalReceived", "equipmentUtilization", "currentInventoryStatus"] as const;
export type SiteMetric = (typeof SITE_METRICS)[number];
export interface MetricFigure {
  current: number;
  previous: number;
  percentageChange: number;
}

/** Seed 001's metrics: { totalProduction: { current, previous, percentageChange }, ... }. */
export async function siteMetrics(supabase: Supabase, siteId: string, day?: string): Promise<Record<SiteMetric, MetricFigure>> {
  const { data, error } = await supabase.rpc("site_metrics", { site_id: siteId, ...(day ? { day } : {}) });
  if (error) throw fromPostgrest(error, "The site");
  if (data.length === 0) throw notFound("The site");
  const figureOf = (metric: SiteMetric): MetricFigure => {
    const row = data.find((candidate) => candidate.metric === metric);
    return { current: Number(row?.current_value ?? 0), previous: Number(row?.previous_value ?? 0), percentageChange: Number(row?.percentage_change ?? 0) };
  };
  return {
    totalProduction: figureOf("totalProduction"),
    totalDispatched: figureOf("totalDispatched"),
    totalReceived: figureOf("totalReceived"),
    equipmentUtilization: figureOf("equipmentUtilization"),
    currentInventoryStatus: figureOf("currentInventoryStatus"),
  };
}

export const KPI_KEYS = ["totalDispatches", "pendingReports", "completionRate", "activeUsers"] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** Month to date against the same days of last month, per KPI (dashboard_kpi_trends). */
export async function kpiTrends(supabase: Supabase, siteIds: string[] | null): Promise<Record<KpiKey, { current: number; previous: number }>> {
  const { data, error } = await supabase.rpc("dashboard_kpi_trends", siteIds ? { site_ids: siteIds } : {});
  if (error) throw fromPostgrest(error, "The dashboard");
  const trend = (kpi: KpiKey) => {
    const row = data.find((candidate) => candidate.kpi === kpi);
    return { current: Number(row?.current_value ?? 0), previous: Number(row?.previous_value ?? 0) };
  };
  return { totalDispatches: trend("totalDispatches"), pendingReports: trend("pendingReports"), completionRate: trend("completionRate"), activeUsers: trend("activeUsers") };
}

/** People at work at a site on a day and the day before: the manpower card (activity_totals). */
export async function headcount(supabase: Supabase, siteId: string, day: string, previousDay: string): Promise<MetricFigure> {
  const { data, error } = await supabase.rpc("activity_totals", { module: "manpower", site_id: siteId, date_from: previousDay, date_to: day, granularity: "daily" });
  if (error) throw fromPostgrest(error, "The site");
  const on = (date: string) => data.filter((row) => row.period_start === date).reduce((sum, row) => sum + Number(row.headcount ?? 0), 0);
  const current = on(day);
  const previous = on(previousDay);
  return { current, previous, percentageChange: previous === 0 ? (current > 0 ? 100 : 0) : ((current - previous) / previous) * 100 };
}

export interface DailyTonnes {
  day: string;
  produced: number;
  received: number;
  dispatched: number;
}

// Which activity_totals module each figure of the chart comes from.
const TONNE_FIGURES = [
  ["produced", "production"],
  ["received", "received"],
  ["dispatched", "dispatch"],
] as const;

/**
 * Tonnes produced, received and dispatched per day, every day of the range (zeros included), from
 * activity_totals: per site, summed over the sites asked for.
 */
export async function tonnesPerDay(supabase: Supabase, siteIds: readonly string[], from: string, to: string): Promise<DailyTonnes[]> {
  const days = new Map(daysBetween(from, to).map((day): [string, DailyTonnes] => [day, { day, produced: 0, received: 0, dispatched: 0 }]));
  const requests = siteIds.flatMap((siteId) =>
    TONNE_FIGURES.map(async ([figure, module]) => {
      const { data, error } = await supabase.rpc("activity_totals", { module, site_id: siteId, date_from: from, date_to: to, granularity: "daily" });
      if (error) throw fromPostgrest(error, "The tonnes");
      return { figure, rows: data };
    }),
  );
  for (const { figure, rows } of await Promise.all(requests)) {
    for (const row of rows) {
      const totals = days.get(row.period_start);
      if (totals) totals[figure] += Number(row.qty_ton ?? 0);
    }
  }
  return [...days.values()];
}

export type DailyDispatches = { day: string } & Record<DispatchStatus, number>;

/** Dispatches created per day by status, every day of the range. */
export async function dispatchesPerDay(supabase: Supabase, siteIds: string[] | null, from: string, to: string): Promise<DailyDispatches[]> {
  const { data, error } = await supabase.rpc("dispatches_per_day", { date_from: from, date_to: to, ...(siteIds ? { site_ids: siteIds } : {}) });
  if (error) throw fromPostgrest(error, "The dispatches");
  return daysBetween(from, to).map((day) => {
    const counts: Record<DispatchStatus, number> = { pending: 0, ongoing: 0, completed: 0, cancelled: 0 };
    for (const row of data) if (row.day === day && isDispatchStatus(row.status)) counts[row.status] += Number(row.dispatches);
    return { day, ...counts };
  });
}
