"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { formatCount, formatDay, formatTonnes } from "@/lib/format";
import type { DailyDispatches, DailyTonnes } from "@/lib/queries/dashboards";

const TONNES: ChartConfig = {
  produced: { label: "Produced", color: "var(--chart-1)" },
  received: { label: "Received", color: "var(--chart-2)" },
  dispatched: { label: "Dispatched", color: "var(--chart-3)" },
};

const STATUSES: ChartConfig = {
  completed: { label: "Completed", color: "var(--chart-2)" },
  ongoing: { label: "Ongoing", color: "var(--chart-1)" },
  pending: { label: "Pending", color: "var(--chart-3)" },
  cancelled: { label: "Cancelled", color: "var(--chart-5)" },
};

const HEIGHT = 240;
const axisTick = { fontSize: 11, fill: "var(--muted-foreground)" };
const shortDay = (day: string) => formatDay(day);
const longDay = (day: string) => formatDay(day, true);
const compactTonnes = (value: number) => (value >= 1000 ? `${Math.round(value / 100) / 10}k` : String(Math.round(value)));

/** Tonnes per day over the last 30 days: production, receipts and dispatches. */
export function TonnesChart({ data }: { data: DailyTonnes[] }) {
  if (data.every((day) => day.produced === 0 && day.received === 0 && day.dispatched === 0)) {
    return <NoData>No tonnes produced, received or dispatched in these 30 days. Logs of production, receipts and material dispatches fill this chart.</NoData>;
  }
  return (
    <figure className="grid gap-3" aria-label="Tonnes per day, last 30 days">
      <ChartLegend config={TONNES} />
      <LineChart width={560} height={HEIGHT} data={data} responsive style={{ width: "100%", height: HEIGHT }} margin={{ left: -12, right: 8, top: 8 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axisTick} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis tickFormatter={compactTonnes} tick={axisTick} tickLine={false} axisLine={false} width={48} />
        <Tooltip content={(props) => <ChartTooltipContent {...props} config={TONNES} formatValue={formatTonnes} formatLabel={longDay} />} />
        {Object.entries(TONNES).map(([key, series]) => (
          <Line key={key} dataKey={key} type="monotone" stroke={series.color} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
}

/** Dispatches created per day over the last 30 days, stacked by status. */
export function DispatchStatusChart({ data }: { data: DailyDispatches[] }) {
  if (data.every((day) => day.pending + day.ongoing + day.completed + day.cancelled === 0)) {
    return <NoData>No dispatches in these 30 days. Dispatches created on the Dispatch page show here by day and status.</NoData>;
  }
  return (
    <figure className="grid gap-3" aria-label="Dispatches per day by status, last 30 days">
      <ChartLegend config={STATUSES} />
      <BarChart width={560} height={HEIGHT} data={data} responsive style={{ width: "100%", height: HEIGHT }} margin={{ left: -12, right: 8, top: 8 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axisTick} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} width={48} />
        <Tooltip cursor={{ fill: "var(--muted)" }} content={(props) => <ChartTooltipContent {...props} config={STATUSES} formatValue={formatCount} formatLabel={longDay} />} />
        {Object.entries(STATUSES).map(([key, series], index, all) => (
          <Bar key={key} dataKey={key} stackId="status" fill={series.color} radius={index === all.length - 1 ? [3, 3, 0, 0] : 0} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}

function NoData({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid h-[240px] place-items-center rounded-md border border-dashed px-6 text-center text-sm text-muted-foreground" data-testid="chart-empty">
      <p className="max-w-sm">{children}</p>
    </div>
  );
}
