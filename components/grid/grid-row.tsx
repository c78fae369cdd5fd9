"use client";

// One row of the grid. Memoised: a keystroke or a move re-renders the rows it touches, not the
// thousands around them. Selection arrives as numbers, so an untouched row's props do not change.
import { memo } from "react";
import { AlertTriangle, CircleAlert } from "lucide-react";
import type { GridColumn } from "@/lib/grid/columns";
import type { GridRow } from "@/lib/grid/validate";
import { cn } from "@/lib/utils";

export const ROW_HEIGHT = 34;

/** The cell under a pointer event: the grid listens once, on its body, not on every cell. */
export function cellAt(target: EventTarget | null): { row: number; column: number } | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>("[data-row][data-column]") : null;
  return cell ? { row: Number(cell.dataset.row), column: Number(cell.dataset.column) } : null;
}

export const cellId = (gridId: string, row: number, column: number) => `${gridId}-r${row}-c${column}`;
const reasonId = (gridId: string, row: number, column: number) => `${cellId(gridId, row, column)}-reason`;

interface GridRowViewProps {
  gridId: string;
  index: number;
  row: GridRow | undefined;
  columns: readonly GridColumn[];
  template: string;
  top: number;
  errors: Readonly<Record<string, string>> | null;
  /** Why the row looks like a duplicate, if it does. */
  duplicate: string | undefined;
  /** The selected columns in this row (-1, -1 if the selection misses it): numbers, so an untouched row's props stay equal. */
  selectedLeft: number;
  selectedRight: number;
  /** The active cell's column, if it is in this row. */
  activeColumn: number | null;
  editor: React.ReactNode;
}

export const GridRowView = memo(function GridRowView(props: GridRowViewProps) {
  const { gridId, index, row, columns, errors, duplicate, selectedLeft, selectedRight, activeColumn } = props;
  const firstError = errors ? columns.find((column) => errors[column.key]) : undefined;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="absolute inset-x-0 grid border-b text-sm"
      style={{ gridTemplateColumns: props.template, transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
      data-testid="grid-row"
      data-state={errors ? "invalid" : duplicate ? "duplicate" : row ? "ready" : "empty"}
    >
      <div role="rowheader" className="sticky left-0 z-10 flex items-center justify-end border-r bg-muted px-2 text-xs tabular-nums text-muted-foreground">
        {index + 1}
      </div>
      {columns.map((column, columnIndex) => {
        const reason = errors?.[column.key];
        const isActive = activeColumn === columnIndex;
        const inRange = columnIndex >= selectedLeft && columnIndex <= selectedRight;
        return (
          <div
            key={column.key}
            id={cellId(gridId, index, columnIndex)}
            role="gridcell"
            aria-colindex={columnIndex + 2}
            aria-selected={inRange}
            aria-invalid={reason ? true : undefined}
            aria-describedby={reason ? reasonId(gridId, index, columnIndex) : undefined}
            title={reason}
            className={cn(
              "relative flex items-center truncate border-r px-2",
              column.kind === "number" && "justify-end tabular-nums",
              inRange && "bg-primary/8",
              reason && "bg-destructive/8 shadow-[inset_0_-2px_0_var(--destructive)]",
              isActive && "z-[1] outline-2 -outline-offset-2 outline-primary",
            )}
            data-row={index}
            data-column={columnIndex}
          >
            {isActive && props.editor ? props.editor : <span className="truncate">{row?.cells[column.key] ?? ""}</span>}
            {reason ? (
              <span id={reasonId(gridId, index, columnIndex)} className="sr-only">
                {reason}
              </span>
            ) : null}
          </div>
        );
      })}
      <div role="gridcell" aria-colindex={columns.length + 2} className="sticky right-0 z-10 flex min-w-0 items-center gap-1.5 border-l bg-card px-2 text-xs" data-testid="row-status">
        {firstError && errors ? (
          <span className="flex min-w-0 items-center gap-1.5 text-destructive" title={errors[firstError.key]}>
            <CircleAlert className="size-3.5 shrink-0" aria-hidden />
            <span className="truncate">
              {firstError.label}: {errors[firstError.key]}
            </span>
          </span>
        ) : duplicate ? (
          <span className="flex min-w-0 items-center gap-1.5 text-amber-700 dark:text-amber-400" title={duplicate} data-testid="duplicate-warning">
            <AlertTriangle className="size-3.5 shrink-0" aria-hidden />
            <span className="truncate">{duplicate}</span>
          </span>
        ) : null}
      </div>
    </div>
  );
});
