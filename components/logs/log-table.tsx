import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => React.ReactNode;
  numeric?: boolean;
}

/** A read-only table of a site log's newest rows. */
export function LogTable<Row extends { id: string }>({ label, rows, columns, footer }: { label: string; rows: readonly Row[]; columns: ReadonlyArray<Column<Row>>; footer?: React.ReactNode }) {
  return (
    <div className="rounded-xl border bg-card">
      <Table aria-label={label} data-testid="log-table">
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {columns.map((column) => (
              <TableHead key={column.header} className={cn("first:pl-4 last:pr-4", column.numeric && "text-right")}>
                {column.header}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              {columns.map((column) => (
                <TableCell key={column.header} className={cn("first:pl-4 last:pr-4", column.numeric && "tabular text-right")}>
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {footer}
    </div>
  );
}

/** Newer / older page links under a log's table. */
export function Pager({ newer, older, page }: { newer: string | null; older: string | null; page: number }) {
  if (!newer && !older) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t px-4 py-2 text-sm">
      <span className="text-muted-foreground">Page {page + 1}</span>
      <span className="flex gap-2">
        {newer ? (
          <Link className="font-medium underline-offset-4 hover:underline" href={newer}>
            Newer rows
          </Link>
        ) : null}
        {older ? (
          <Link className="font-medium underline-offset-4 hover:underline" href={older}>
            Older rows
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
