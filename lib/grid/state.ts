// The grid's rows and their history. Every edit is a pure function of the rows; the reducer keeps
// the rows before each edit so undo and redo are a swap of arrays (rows are never mutated, so a
// step costs one array, not a copy of the data).
import type { ColumnMapping } from "@/lib/grid/columns";
import type { GridRow } from "@/lib/grid/validate";

const HISTORY_LIMIT = 200;

export interface CellPosition {
  row: number;
  column: number;
}

export interface GridHistory {
  rows: readonly GridRow[];
  past: (readonly GridRow[])[];
  future: (readonly GridRow[])[];
}

export type GridAction =
  | { type: "edit"; rows: readonly GridRow[] }
  | { type: "undo" }
  | { type: "redo" }
  /** Rows that left the grid for good (saved): no undo brings them back. */
  | { type: "forget"; ids: ReadonlySet<string> }
  | { type: "load"; rows: readonly GridRow[] };

export const initialHistory = (rows: readonly GridRow[]): GridHistory => ({ rows, past: [], future: [] });

export function gridReducer(state: GridHistory, action: GridAction): GridHistory {
  switch (action.type) {
    case "edit":
      if (action.rows === state.rows) return state;
      return { rows: action.rows, past: [...state.past.slice(-HISTORY_LIMIT + 1), state.rows], future: [] };
    case "undo": {
      const previous = state.past[state.past.length - 1];
      return previous ? { rows: previous, past: state.past.slice(0, -1), future: [state.rows, ...state.future] } : state;
    }
    case "redo": {
      const [next, ...rest] = state.future;
      return next ? { rows: next, past: [...state.past, state.rows], future: rest } : state;
    }
    case "forget":
      return initialHistory(state.rows.filter((row) => !action.ids.has(row.id)));
    case "load":
      return initialHistory(action.rows);
  }
}

const emptyRow = (newId: () => string): GridRow => ({ id: newId(), cells: {} });

/** Sets cells; `changes` are [row index, column key, text]. Rows past the end are added. */
export function setCells(rows: readonly GridRow[], changes: readonly (readonly [number, string, string])[], newId: () => string): readonly GridRow[] {
  if (changes.length === 0) return rows;
  const next = [...rows];
  let changed = false;
  for (const [index, key, text] of changes) {
    const row = next[index];
    if ((row?.cells[key] ?? "") === text) continue;
    while (next.length <= index) next.push(emptyRow(newId));
    const target = next[index];
    if (target) next[index] = { id: target.id, cells: { ...target.cells, [key]: text } };
    changed = true;
  }
  // Nothing changed: the same array, so the history records no empty step.
  return changed ? next : rows;
}

/** Pasted lines placed from `startRow` down, each value in the column the mapping gives it. */
export function pasteRows(rows: readonly GridRow[], startRow: number, lines: readonly (readonly string[])[], mapping: ColumnMapping, newId: () => string): readonly GridRow[] {
  const changes: [number, string, string][] = [];
  lines.forEach((line, offset) => {
    mapping.forEach((key, index) => {
      if (key !== null) changes.push([startRow + offset, key, line[index] ?? ""]);
    });
  });
  return setCells(rows, changes, newId);
}

/** One value into every cell of a range (a single copied cell pasted over a selection, or Delete). */
export function fillRange(rows: readonly GridRow[], range: CellRange, keys: readonly string[], text: string, newId: () => string): readonly GridRow[] {
  const changes: [number, string, string][] = [];
  for (let row = range.top; row <= range.bottom; row += 1) {
    for (let column = range.left; column <= range.right; column += 1) {
      const key = keys[column];
      if (key) changes.push([row, key, text]);
    }
  }
  return setCells(rows, changes, newId);
}

/** Ctrl+D: the range's first row copied into the rows below it. */
export function fillDown(rows: readonly GridRow[], range: CellRange, keys: readonly string[], newId: () => string): readonly GridRow[] {
  const source = rows[range.top];
  if (!source) return rows;
  const changes: [number, string, string][] = [];
  for (let row = range.top + 1; row <= range.bottom; row += 1) {
    for (let column = range.left; column <= range.right; column += 1) {
      const key = keys[column];
      if (key) changes.push([row, key, source.cells[key] ?? ""]);
    }
  }
  return setCells(rows, changes, newId);
}

export function insertRows(rows: readonly GridRow[], at: number, count: number, newId: () => string): readonly GridRow[] {
  const added = Array.from({ length: count }, () => emptyRow(newId));
  return [...rows.slice(0, at), ...added, ...rows.slice(at)];
}

export function duplicateRows(rows: readonly GridRow[], top: number, bottom: number, newId: () => string): readonly GridRow[] {
  const copies = rows.slice(top, bottom + 1).map((row) => ({ id: newId(), cells: row.cells }));
  return [...rows.slice(0, bottom + 1), ...copies, ...rows.slice(bottom + 1)];
}

export function deleteRows(rows: readonly GridRow[], top: number, bottom: number): readonly GridRow[] {
  return [...rows.slice(0, top), ...rows.slice(bottom + 1)];
}

export interface CellRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The rectangle between the anchor and the active cell. */
export const rangeOf = (anchor: CellPosition, active: CellPosition): CellRange => ({
  top: Math.min(anchor.row, active.row),
  bottom: Math.max(anchor.row, active.row),
  left: Math.min(anchor.column, active.column),
  right: Math.max(anchor.column, active.column),
});

/** A range's cells as text rows (for copying out as TSV). */
export function cellsOf(rows: readonly GridRow[], range: CellRange, keys: readonly string[]): string[][] {
  const lines: string[][] = [];
  for (let row = range.top; row <= range.bottom; row += 1) {
    const line: string[] = [];
    for (let column = range.left; column <= range.right; column += 1) line.push(rows[row]?.cells[keys[column] ?? ""] ?? "");
    lines.push(line);
  }
  return lines;
}
