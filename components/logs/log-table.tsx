import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => React.ReactNode;
  numeric?: boolean;
}

/** A read-only table of a site log's newest rows. */
export function LogTable<Row extends { id: string }>({ label, rows, columns }: { label: string; rows: readonly Row[]; columns: ReadonlyArray<Column<Row>> }) {
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
    </div>
  );
}
