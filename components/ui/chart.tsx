"use client";

// shadcn's chart pieces, on recharts: a config naming each series (label and colour), a tooltip
// and a legend in the app's style. Charts pass colours from the config; text is never colour alone.
import * as React from "react";
import type { TooltipContentProps } from "recharts";
import { cn } from "@/lib/utils";

export type ChartConfig = Record<string, { label: string; color: string }>;

function ChartTooltipContent({
  active,
  payload,
  label,
  config,
  formatValue = String,
  formatLabel = String,
}: Pick<TooltipContentProps<number, string>, "active" | "payload" | "label"> & {
  config: ChartConfig;
  formatValue?: (value: number) => string;
  formatLabel?: (label: string) => string;
}) {
  if (!active || payload.length === 0) return null;
  return (
    <div data-slot="chart-tooltip" className="grid min-w-40 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{formatLabel(String(label ?? ""))}</p>
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.name ?? "");
        const series = config[key];
        return (
          <p key={key} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-sm" style={{ background: series?.color ?? item.color }} aria-hidden />
            <span className="text-muted-foreground">{series?.label ?? key}</span>
            <span className="tabular ml-auto font-medium">{formatValue(Number(item.value ?? 0))}</span>
          </p>
        );
      })}
    </div>
  );
}

function ChartLegend({ config, className }: { config: ChartConfig; className?: string }) {
  return (
    <ul data-slot="chart-legend" className={cn("flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground", className)}>
      {Object.entries(config).map(([key, series]) => (
        <li key={key} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm" style={{ background: series.color }} aria-hidden />
          {series.label}
        </li>
      ))}
    </ul>
  );
}

export { ChartLegend, ChartTooltipContent };
