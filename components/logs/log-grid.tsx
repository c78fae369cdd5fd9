"use client";

// A site log's grid: bulk entry, and single entry as a grid of one row.
import { useMemo } from "react";
import { saveLogRows } from "@/app/actions/save-log-rows";
import { DataGrid } from "@/components/grid/data-grid";
import { LOG_GRIDS, type LogGridName } from "@/lib/grid/modules";
import type { Catalogue, GridModule } from "@/lib/grid/validate";

const NOUNS: Record<LogGridName, { one: string; many: string }> = {
  production: { one: "production record", many: "production records" },
  received: { one: "receipt", many: "receipts" },
  equipment: { one: "equipment log", many: "equipment logs" },
  manpower: { one: "manpower log", many: "manpower logs" },
};

interface LogGridProps {
  log: LogGridName;
  siteId: string;
  today: string;
  catalogue: Catalogue;
  userId: string;
  listHref: string;
}

export function LogGrid({ log, siteId, today, catalogue, userId, listHref }: LogGridProps) {
  const grid: GridModule<unknown> = LOG_GRIDS[log];
  const context = useMemo(() => ({ siteId, today, catalogue }), [siteId, today, catalogue]);
  return <DataGrid module={grid} context={context} userId={userId} save={(input) => saveLogRows(log, input)} listHref={listHref} noun={NOUNS[log]} minRows={6} />;
}
