"use client";

// recharts loads after the page is interactive (as on the dashboard), behind a skeleton its size.
import dynamic from "next/dynamic";
import { ChartSkeleton } from "@/components/dashboard/skeletons";

export const LazyStockChart = dynamic(() => import("@/components/inventory/stock-chart").then((chart) => chart.StockChart), { ssr: false, loading: ChartSkeleton });
