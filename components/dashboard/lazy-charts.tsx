"use client";

// recharts is most of the dashboard's JavaScript (115 KB gzipped): the charts load after the page
// is interactive, behind a skeleton of their size, so the cards and the feed do not wait for them.
import dynamic from "next/dynamic";
import { ChartSkeleton } from "@/components/dashboard/skeletons";

export const TonnesChart = dynamic(() => import("@/components/dashboard/charts").then((charts) => charts.TonnesChart), {
  ssr: false,
  loading: ChartSkeleton,
});

export const DispatchStatusChart = dynamic(() => import("@/components/dashboard/charts").then((charts) => charts.DispatchStatusChart), {
  ssr: false,
  loading: ChartSkeleton,
});
