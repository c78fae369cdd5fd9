// The dashboards' figures, each from one SQL function (dashboard_kpis, site_metrics).
import type { Supabase } from "@/lib/api/handler";
import { fromPostgrest, notFound } from "@/lib/errors";

/** Seed 000's KPI card: { data: { totalDispatches: { value, label, change }, ... } }. */
export async function dashboardKpis(supabase: Supabase) {
  const { data, error } = await supabase.rpc("dashboard_kpis").single();
  if (error) throw fromPostgrest(error, "The dashboard");
  const figures = data as {
    total_dispatches: number; pending_dispatches: number; completion_rate: number;
    active_users_24h: number; this_month_dispatches: number; monthly_change: number;
  };
  return {
    totalDispatches: { value: figures.total_dispatches, label: "Total Dispatches", change: null },
    pendingReports: { value: figures.pending_dispatches, label: "Pending Reports", change: null },
    completionRate: { value: Number(figures.completion_rate), label: "Completion Rate", unit: "%", change: null },
    activeUsers: { value: figures.active_users_24h, label: "Active Users (24h)", change: null },
    monthlyDispatches: { value: figures.this_month_dispatches, label: "This Month", change: Number(figures.monthly_change) },
  };
}

const METRICS = ["totalProduction", "totalDispatched", "totalReceived", "equipmentUtilization", "currentInventoryStatus"] as const;
type Metric = (typeof METRICS)[number];

/** Seed 001's metrics: { totalProduction: { current, previous, percentageChange }, ... }. */
export async function siteMetrics(supabase: Supabase, siteId: string, day?: string) {
  const { data, error } = await supabase.rpc("site_metrics", { site_id: siteId, ...(day ? { day } : {}) });
  if (error) throw fromPostgrest(error, "The site");
  const rows = (data ?? []) as Array<{ metric: string; current_value: number; previous_value: number; percentage_change: number }>;
  if (rows.length === 0) throw notFound("The site");
  return Object.fromEntries(
    METRICS.map((metric) => {
      const row = rows.find((candidate) => candidate.metric === metric)!;
      return [metric, { current: Number(row.current_value), previous: Number(row.previous_value), percentageChange: Number(row.percentage_change) }];
    }),
  ) as Record<Metric, { current: number; previous: number; percentageChange: number }>;
}
