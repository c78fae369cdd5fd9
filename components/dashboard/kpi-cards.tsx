import { CheckCircle2, Clock, Truck, Users } from "lucide-react";
import { StatCard } from "@/components/dashboard/stat-card";
import { formatCount, formatPercent, percentChange } from "@/lib/format";
import { dashboardKpis, kpiTrends } from "@/lib/queries/dashboards";
import { createClient } from "@/lib/supabase/server";

const COMPARED = "vs last month";

/** Seed 000's four KPI cards (dashboard_kpis), each with its month-over-month change. */
export async function KpiCards({ siteIds }: { siteIds: string[] | null }) {
  const supabase = await createClient();
  const [kpis, trends] = await Promise.all([dashboardKpis(supabase, siteIds), kpiTrends(supabase, siteIds)]);
  const change = (key: keyof typeof trends) => percentChange(trends[key].current, trends[key].previous);
  return (
    <section aria-label="Key figures" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="kpi-cards">
      <StatCard id="totalDispatches" label="Total Dispatches" icon={Truck} value={formatCount(kpis.totalDispatches.value)} raw={kpis.totalDispatches.value} change={change("totalDispatches")} comparedWith={COMPARED} />
      <StatCard id="pendingReports" label="Pending Reports" icon={Clock} value={formatCount(kpis.pendingReports.value)} raw={kpis.pendingReports.value} change={change("pendingReports")} comparedWith={COMPARED} goodWhen="down" />
      <StatCard
        id="completionRate"
        label="Completion Rate (today)"
        icon={CheckCircle2}
        value={formatPercent(kpis.completionRate.value)}
        raw={kpis.completionRate.value}
        change={trends.completionRate.current - trends.completionRate.previous}
        comparedWith={COMPARED}
        changeInPoints
      />
      <StatCard id="activeUsers" label="Active Users (24h)" icon={Users} value={formatCount(kpis.activeUsers.value)} raw={kpis.activeUsers.value} change={change("activeUsers")} comparedWith={COMPARED} />
    </section>
  );
}
