// The dashboards' figures, each from one SQL function (dashboard_kpis, site_metrics, activity_totals).
import { fromPostgrest, notFound } from "@/lib/errors";
import type { Supabase } from "@/lib/supabase/types";

/** Seed 000's KPI card: { totalDispatches: { value, label, change }, ... }. */
export async function dashboardKpis(supabase: Supabase) {
  const { data: figures, error } = await supabase.rpc("dashboard_kpis").single();
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
