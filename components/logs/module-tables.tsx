// Each site log's newest rows, as its page lists them (read through lib/queries, under RLS).
import { ClipboardList } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { LogTable, Pager, type Column } from "@/components/logs/log-table";
import { LOG_PAGE_ROWS, type LogListFilters } from "@/lib/logs/list-filters";
import { catalogueFor } from "@/components/logs/log-entry";
import { LogRowActions } from "@/components/logs/log-row-actions";
import { todayIn } from "@/lib/dates";
import { formatDay, formatTonnes } from "@/lib/format";
import type { LogGridName } from "@/lib/grid/modules";
import type { ViewerSite } from "@/lib/queries/viewer";
import { getViewer } from "@/lib/session";
import { equipmentLog, manpowerLog, productionLog, receivedLog } from "@/lib/queries/log-modules";
import { listLogRows } from "@/lib/queries/logs";
import { createClient } from "@/lib/supabase/server";

/** One page of rows (and one more, to know whether an older page exists). */
const query = (site: ViewerSite, filters: LogListFilters) => ({
  siteId: site.id,
  dateFrom: filters.from,
  dateTo: filters.to,
  materialId: filters.materialId,
  limit: LOG_PAGE_ROWS + 1,
  offset: filters.page * LOG_PAGE_ROWS,
});

export interface TableProps {
  site: ViewerSite;
  filters: LogListFilters;
  /** The page's URL for other filters: older and newer pages link through it. */
  urlFor: (filters: LogListFilters) => string;
}
const capitalised = (word: string | null) => (word ? word[0]?.toUpperCase() + word.slice(1) : "—");
const hours = (value: number | null) => (value === null ? "—" : `${Number(value)} h`);

function Empty({ what, filtered }: { what: string; filtered: boolean }) {
  return filtered ? (
    <EmptyState icon={ClipboardList} title={`No ${what} matches these filters`}>
      Clear the filters to see every row of the site.
    </EmptyState>
  ) : (
    <EmptyState icon={ClipboardList} title={`No ${what} logged at this site yet`}>
      Rows saved by the site&apos;s operators and managers, here or through the API, appear here newest first.
    </EmptyState>
  );
}

const dayText = (value: string) => value.slice(0, 10);
const numberText = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(Number(value)));

/**
 * The edit and delete buttons of each row, for those who may: managers and admins on every row,
 * operators on the rows they logged (edit only), as the database's policies allow.
 */
async function actionsColumn<Row extends { id: string; createdBy: string | null }>(log: LogGridName, site: ViewerSite, cellsOf: (row: Row) => Record<string, string>, titleOf: (row: Row) => string): Promise<Array<Column<Row>>> {
  if (site.role === "viewer") return [];
  const [viewer, catalogue] = await Promise.all([getViewer(), catalogueFor(log, site.id)]);
  const manages = site.role === "manager" || site.role === "admin";
  const today = todayIn(site.timezone);
  return [
    {
      header: "Actions",
      cell: (row) => {
        const canEdit = manages || row.createdBy === viewer?.id;
        if (!canEdit) return null;
        return <LogRowActions log={log} id={row.id} cells={cellsOf(row)} title={titleOf(row)} siteId={site.id} today={today} catalogue={catalogue} canEdit canDelete={manages} />;
      },
    },
  ];
}

/** The table of one page of rows, with links to the newer and older pages. */
function Page<Row extends { id: string }>({ label, what, rows, columns, filters, urlFor }: { label: string; what: string; rows: readonly Row[]; columns: ReadonlyArray<Column<Row>> } & Omit<TableProps, "site">) {
  const filtered = Boolean(filters.from || filters.to || filters.materialId) || filters.page > 0;
  if (rows.length === 0) return <Empty what={what} filtered={filtered} />;
  const older = rows.length > LOG_PAGE_ROWS;
  return (
    <LogTable
      label={label}
      rows={rows.slice(0, LOG_PAGE_ROWS)}
      columns={columns}
      footer={<Pager newer={filters.page > 0 ? urlFor({ ...filters, page: filters.page - 1 }) : null} older={older ? urlFor({ ...filters, page: filters.page + 1 }) : null} page={filters.page} />}
    />
  );
}

export async function ProductionTable({ site, filters, urlFor }: TableProps) {
  const rows = await listLogRows(await createClient(), productionLog, query(site, filters));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Material", cell: (row) => row.material?.name ?? "—" },
    { header: "Operation", cell: (row) => capitalised(row.operation) },
    { header: "Shift", cell: (row) => capitalised(row.shift) },
    { header: "Tonnes", cell: (row) => formatTonnes(Number(row.qtyTon)), numeric: true },
    { header: "Notes", cell: (row) => row.notes ?? "" },
    ...(await actionsColumn<Row>(
      "production",
      site,
      (row) => ({ date: dayText(row.date), materialId: row.material?.name ?? "", operation: row.operation, qtyTon: numberText(row.qtyTon), shift: row.shift ?? "", notes: row.notes ?? "" }),
      (row) => `${row.material?.name ?? "production"} on ${formatDay(row.date)}`,
    )),
  ];
  return <Page label="Production" what="production" rows={rows} columns={columns} filters={filters} urlFor={urlFor} />;
}

export async function ReceivedTable({ site, filters, urlFor }: TableProps) {
  const rows = await listLogRows(await createClient(), receivedLog, query(site, filters));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Material", cell: (row) => row.material?.name ?? "—" },
    { header: "Source", cell: (row) => row.source ?? "—" },
    { header: "Vehicle", cell: (row) => row.vehicleRef ?? "—" },
    { header: "Tonnes", cell: (row) => formatTonnes(Number(row.qtyTon)), numeric: true },
    ...(await actionsColumn<Row>(
      "received",
      site,
      (row) => ({ date: dayText(row.date), materialId: row.material?.name ?? "", qtyTon: numberText(row.qtyTon), source: row.source ?? "", vehicleRef: row.vehicleRef ?? "", notes: row.notes ?? "" }),
      (row) => `${row.material?.name ?? "receipt"} on ${formatDay(row.date)}`,
    )),
  ];
  return <Page label="Received material" what="receipts" rows={rows} columns={columns} filters={filters} urlFor={urlFor} />;
}

export async function EquipmentTable({ site, filters, urlFor }: TableProps) {
  const rows = await listLogRows(await createClient(), equipmentLog, query(site, filters));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Machine", cell: (row) => (row.equipment ? `${row.equipment.code} · ${row.equipment.name}` : "—") },
    { header: "Hours run", cell: (row) => hours(row.hoursRun), numeric: true },
    { header: "Hours down", cell: (row) => hours(row.hoursDown), numeric: true },
    { header: "Fuel", cell: (row) => (row.fuelLiters === null ? "—" : `${Number(row.fuelLiters)} L`), numeric: true },
    ...(await actionsColumn<Row>(
      "equipment",
      site,
      (row) => ({ date: dayText(row.date), equipmentId: row.equipment?.name ?? "", hoursRun: numberText(row.hoursRun), hoursDown: numberText(row.hoursDown), fuelLiters: numberText(row.fuelLiters), notes: row.notes ?? "" }),
      (row) => `${row.equipment?.name ?? "machine"} on ${formatDay(row.date)}`,
    )),
  ];
  return <Page label="Equipment logs" what="machine hours" rows={rows} columns={columns} filters={filters} urlFor={urlFor} />;
}

export async function ManpowerTable({ site, filters, urlFor }: TableProps) {
  const rows = await listLogRows(await createClient(), manpowerLog, query(site, filters));
  type Row = (typeof rows)[number];
  const columns: Array<Column<Row>> = [
    { header: "Date", cell: (row) => formatDay(row.date) },
    { header: "Role", cell: (row) => row.role?.name ?? "—" },
    { header: "Shift", cell: (row) => capitalised(row.shift) },
    { header: "People", cell: (row) => String(row.headcount), numeric: true },
    { header: "Hours", cell: (row) => hours(row.hours), numeric: true },
    ...(await actionsColumn<Row>(
      "manpower",
      site,
      (row) => ({ date: dayText(row.date), roleId: row.role?.name ?? "", shift: row.shift ?? "", headcount: numberText(row.headcount), hours: numberText(row.hours), notes: row.notes ?? "" }),
      (row) => `${row.role?.name ?? "crew"} on ${formatDay(row.date)}`,
    )),
  ];
  return <Page label="Manpower logs" what="crews" rows={rows} columns={columns} filters={filters} urlFor={urlFor} />;
}
