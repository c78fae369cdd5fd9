import { Boxes, Factory, Gauge, PackageOpen, Truck, Users } from "lucide-react";
import { StatCard } from "@/components/dashboard/stat-card";
import { addDays, todayIn } from "@/lib/dates";
import { formatCount, formatPercent, formatTonnes } from "@/lib/format";
import { headcount, siteMetrics } from "@/lib/queries/dashboards";
import { createClient } from "@/lib/supabase/server";

const COMPARED = "vs yesterday";

/** Seed 001's metric cards for one site (site_metrics), with the day's crew: today against yesterday. */
export async function MetricCards({ siteId, timezone }: { siteId: string; timezone: string }) {
  const supabase = await createClient();
  const today = todayIn(timezone);
  const [metrics, crew] = await Promise.all([siteMetrics(supabase, siteId), headcount(supabase, siteId, today, addDays(today, -1))]);
  const { totalProduction, totalReceived, totalDispatched, equipmentUtilization, currentInventoryStatus } = metrics;
  return (
    <section aria-label="Today at the site" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6" data-testid="metric-cards">
      <StatCard id="totalProduction" label="Produced today" icon={Factory} value={formatTonnes(totalProduction.current)} raw={totalProduction.current} change={totalProduction.percentageChange} comparedWith={COMPARED} />
      <StatCard id="totalReceived" label="Received today" icon={PackageOpen} value={formatTonnes(totalReceived.current)} raw={totalReceived.current} change={totalReceived.percentageChange} comparedWith={COMPARED} />
      <StatCard id="totalDispatched" label="Dispatched today" icon={Truck} value={formatTonnes(totalDispatched.current)} raw={totalDispatched.current} change={totalDispatched.percentageChange} comparedWith={COMPARED} />
      <StatCard
        id="equipmentUtilization"
        label="Equipment utilisation"
        icon={Gauge}
        value={formatPercent(equipmentUtilization.current)}
        raw={equipmentUtilization.current}
        change={equipmentUtilization.percentageChange}
        comparedWith={COMPARED}
      />
      <StatCard id="manpower" label="People on site" icon={Users} value={formatCount(crew.current)} raw={crew.current} change={crew.percentageChange} comparedWith={COMPARED} />
      <StatCard
        id="currentInventoryStatus"
        label="Stock on hand"
        icon={Boxes}
        value={formatTonnes(currentInventoryStatus.current)}
        raw={currentInventoryStatus.current}
        change={currentInventoryStatus.percentageChange}
        comparedWith={COMPARED}
      />
    </section>
  );
}
