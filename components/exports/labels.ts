import type { ExportGranularity, ExportModule } from "@/lib/constants";

export const MODULE_LABELS: Record<ExportModule, string> = {
  dispatch: "Dispatch",
  production: "Production",
  received: "Received materials",
  equipment: "Equipment",
  manpower: "Manpower",
  inventory: "Inventory",
};

/** What a granularity gives, in the words of the report (export_columns in the database). */
export const GRANULARITY_LABELS: Record<ExportGranularity, string> = {
  daily: "Every entry (inventory: by day)",
  weekly: "Totals by week",
  monthly: "Totals by month",
};

/** A job's rows in a few words: "Every entry", "By day" (inventory), "Totals by week". */
export function rowsLabel(module: ExportModule, granularity: ExportGranularity): string {
  if (granularity !== "daily") return GRANULARITY_LABELS[granularity];
  return module === "inventory" ? "By day" : "Every entry";
}
