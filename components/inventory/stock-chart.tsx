"use client";

// A material's stock at each day's close over the range, with what moved it.
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { formatDay, formatTonnes } from "@/lib/format";
import type { LedgerDay } from "@/lib/inventory/ledger";

const SERIES: ChartConfig = {
  closingTon: { label: "Closing stock", color: "var(--chart-1)" },
  inTon: { label: "In (produced + received)", color: "var(--chart-2)" },
  dispatchedTon: { label: "Dispatched", color: "var(--chart-3)" },
};
const HEIGHT = 220;
const axisTick = { fontSize: 11, fill: "var(--muted-foreground)" };

export function StockChart({ name, days }: { name: string; days: readonly LedgerDay[] }) {
  const data = days.map((day) => ({ date: day.date, closingTon: day.closingTon, inTon: day.producedTon + day.receivedTon, dispatchedTon: day.dispatchedTon }));
  return (
    <figure className="grid gap-3" aria-label={`${name}: stock per day`}>
      <ChartLegend config={SERIES} />
      <ComposedChart width={560} height={HEIGHT} data={data} responsive style={{ width: "100%", height: HEIGHT }} margin={{ left: -8, right: 8, top: 8 }} accessibilityLayer>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="date" tickFormatter={(day: string) => formatDay(day)} tick={axisTick} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis tick={axisTick} tickLine={false} axisLine={false} width={52} />
        <Tooltip content={(props) => <ChartTooltipContent {...props} config={SERIES} formatValue={formatTonnes} formatLabel={(day) => formatDay(day, true)} />} />
        <Bar dataKey="inTon" fill={SERIES.inTon?.color} radius={2} maxBarSize={20} isAnimationActive={false} />
        <Bar dataKey="dispatchedTon" fill={SERIES.dispatchedTon?.color} radius={2} maxBarSize={20} isAnimationActive={false} />
        <Line dataKey="closingTon" type="monotone" stroke={SERIES.closingTon?.color} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </figure>
  );
}
