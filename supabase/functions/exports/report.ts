// What a report is, as the database describes it (public.export_columns), and the typed values
// the PDF writer puts in its cells (an XLSX's cells are made in Postgres).

export type ColumnKind = "text" | "integer" | "number" | "date";

export interface ReportColumn {
  label: string;
  kind: ColumnKind;
  total?: boolean;
}

/** One row as export_rows gives it: JSON cells in the columns' order. */
export type Cells = Array<string | number | null>;

/** A report's bytes as they are made, and how many data rows they hold once read to the end. */
export interface ReportFile {
  chunks: AsyncIterable<Uint8Array>;
  readonly count: { rows: number };
}

export interface ReportHeading {
  title: string;
  site: string;
  range: string;
}

function numberCell(value: string | number | null): number | null {
  if (value === null || value === "") return null;
  const parsed = typeof value === "number" ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Running sums of the columns marked `total`, in integer thousandths so 0.1 + 0.2 stays 0.3. */
export class Totals {
  readonly #thousandths: Map<number, number>;

  constructor(readonly columns: ReportColumn[]) {
    this.#thousandths = new Map(columns.flatMap((column, index) => (column.total ? [[index, 0] as const] : [])));
  }

  add(cells: Cells): void {
    for (const [index, sum] of this.#thousandths) {
      const value = numberCell(cells[index] ?? null);
      if (value !== null) this.#thousandths.set(index, sum + Math.round(value * 1000));
    }
  }

  /** The totals row: "Total" in the first column, the sums under theirs, empty elsewhere. */
  row(): Cells {
    return this.columns.map((_, index) => {
      if (index === 0) return "Total";
      const sum = this.#thousandths.get(index);
      return sum === undefined ? null : sum / 1000;
    });
  }
}
