// Each site log's newest rows, as its page lists them (read through lib/queries, under RLS).
import { ClipboardList } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { LogTable, type Column } from "@/components/logs/log-table";
import { formatDay, formatTonnes } from "@/lib/format";
import { inventorySnapshots } from "@/lib/queries/inventory";
import { equipmentLog, manpowerLog, productionLog, receivedLog } from "@/lib/queries/log-modules";
import { listLogRows } from "@/lib/queries/logs";
import { createClient } from "@/lib/supabase/server";

const ROWS = 50;
const query = (siteId: string) => ({ siteId, limit: ROWS, offset: 0 });
const capitalised = (word: string | null) => (word ? word[0]?.toUpperCase() + word.slice(1) : "—");
const hours = (value: number | null) => (value === null ? "—" : `${Number(value)} h`);

function Empty({ what }: { what: string }) {
  return (
    <EmptyState icon={ClipboardList} title={`No ${what} logged at this site yet`}>
      Rows saved by the site&apos;s operators and managers, here or through the API, appear here newest first.
    </EmptyState>
  );
}

export async function ProductionTable({ siteId }: { siteId: string }) {
  const rows = await listLogRows(await createClient(), productionLog, query(siteId));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Material", cell: (row) => row.material?.name ?? "—" },
    { header: "Operation", cell: (row) => capitalised(row.operation) },
    { header: "Shift", cell: (row) => capitalised(row.shift) },
    { header: "Tonnes", cell: (row) => formatTonnes(Number(row.qtyTon)), numeric: true },
    { header: "Notes", cell: (row) => row.notes ?? "" },
  ];
  return rows.length ? <LogTable label="Production" rows={rows} columns={columns} /> : <Empty what="production" />;
}

export async function ReceivedTable({ siteId }: { siteId: string }) {
  const rows = await listLogRows(await createClient(), receivedLog, query(siteId));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Material", cell: (row) => row.material?.name ?? "—" },
    { header: "Source", cell: (row) => row.source ?? "—" },
    { header: "Vehicle", cell: (row) => row.vehicleRef ?? "—" },
    { header: "Tonnes", cell: (row) => formatTonnes(Number(row.qtyTon)), numeric: true },
  ];
  return rows.length ? <LogTable label="Received material" rows={rows} columns={columns} /> : <Empty what="receipts" />;
}

export async function EquipmentTable({ siteId }: { siteId: string }) {
  const rows = await listLogRows(await createClient(), equipmentLog, query(siteId));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Machine", cell: (row) => (row.equipment ? `${row.equipment.code} · ${row.equipment.name}` : "—") },
    { header: "Hours run", cell: (row) => hours(row.hoursRun), numeric: true },
    { header: "Hours down", cell: (row) => hours(row.hoursDown), numeric: true },
    { header: "Fuel", cell: (row) => (row.fuelLiters === null ? "—" : `${Number(row.fuelLiters)} L`), numeric: true },
  ];
  return rows.length ? <LogTable label="Equipment logs" rows={rows} columns={columns} /> : <Empty what="machine hours" />;
}

export async function ManpowerTable({ siteId }: { siteId: string }) {
  const rows = await listLogRows(await createClient(), manpowerLog, query(siteId));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Role", cell: (row) => row.role?.name ?? "—" },
    { header: "Shift", cell: (row) => capitalised(row.shift) },
    { header: "People", cell: (row) => String(row.headcount), numeric: true },
    { header: "Hours", cell: (row) => hours(row.hours), numeric: true },
  ];
  return rows.length ? <LogTable label="Manpower logs" rows={rows} columns={columns} /> : <Empty what="crews" />;
}

export async function InventoryTable({ siteId, day }: { siteId: string; day: string }) {
  const rows = await inventorySnapshots(await createClient(), { siteId, dateFrom: day, dateTo: day, limit: 500, offset: 0 });
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Material", cell: (row) => row.material?.name ?? "—" },
    { header: "Opening", cell: (row) => formatTonnes(row.openingTon), numeric: true },
    { header: "Produced", cell: (row) => formatTonnes(row.producedTon), numeric: true },
    { header: "Received", cell: (row) => formatTonnes(row.receivedTon), numeric: true },
    { header: "Dispatched", cell: (row) => formatTonnes(row.dispatchedTon), numeric: true },
    { header: "Adjusted", cell: (row) => formatTonnes(row.adjustmentTon), numeric: true },
    { header: "Closing", cell: (row) => <span className="font-medium">{formatTonnes(row.closingTon)}</span>, numeric: true },
  ];
  return rows.length ? <LogTable label="Stock today" rows={rows} columns={columns} /> : <Empty what="stock" />;
}
