"use client";

// The grid as a spreadsheet: the rows and their undo history, the selected range and active cell,
// the cell being edited, the keyboard, the clipboard and what the last paste mapped where. Pure
// edits live in lib/grid/state.ts; this hook turns keys and clipboard events into them.
import { useCallback, useReducer, useState } from "react";
import { isHeaderRow, mappingFromHeader, mappingInOrder, normalizeHeader, type ColumnMapping, type GridColumn } from "@/lib/grid/columns";
import { parseTable, toTsv } from "@/lib/grid/parse";
import {
  cellsOf,
  deleteRows,
  duplicateRows,
  fillDown,
  fillRange,
  gridReducer,
  initialHistory,
  insertRows,
  pasteRows,
  rangeOf,
  setCells,
  type CellPosition,
  type CellRange,
} from "@/lib/grid/state";
import { isEmptyRow, type GridRow } from "@/lib/grid/validate";

export interface Editing {
  text: string;
  /** "replace": typing replaced the cell (arrows leave it); "edit": F2 / Enter / double click. */
  mode: "replace" | "edit";
}

/** What the last paste placed where, so its mapping can be changed after the fact. */
export interface LastPaste {
  /** Which paste this is (a new paste gets a new mapping bar). */
  id: number;
  before: readonly GridRow[];
  startRow: number;
  lines: string[][];
  header: string[] | null;
  mapping: ColumnMapping;
}

const PAGE_ROWS = 15;
const newId = () => crypto.randomUUID();
const origin: CellPosition = { row: 0, column: 0 };

export function useGridEditor(columns: readonly GridColumn[], mappingStoreKey: string, minRows = PAGE_ROWS) {
  const keys = columns.map((column) => column.key);
  const [history, dispatch] = useReducer(gridReducer, [], initialHistory);
  const [anchor, setAnchor] = useState<CellPosition>(origin);
  const [active, setActive] = useState<CellPosition>(origin);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [lastPaste, setLastPaste] = useState<LastPaste | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const rows = history.rows;

  // A few empty rows past the last one to type into, as in a spreadsheet.
  const rowCount = Math.max(rows.length + 5, minRows);
  const range = rangeOf(anchor, active);
  const edit = useCallback((next: readonly GridRow[]) => dispatch({ type: "edit", rows: next }), []);

  const select = useCallback(
    (position: CellPosition, extend = false) => {
      const clamped = { row: Math.max(0, Math.min(position.row, rowCount - 1)), column: Math.max(0, Math.min(position.column, columns.length - 1)) };
      setActive(clamped);
      if (!extend) setAnchor(clamped);
    },
    [rowCount, columns.length],
  );

  const selectRange = (from: CellPosition, to: CellPosition) => {
    setAnchor(from);
    setActive(to);
  };

  const commit = useCallback(
    (move?: { row: number; column: number }) => {
      if (editing) {
        const key = keys[active.column];
        if (key) edit(setCells(rows, [[active.row, key, editing.text.trim() === "" ? "" : editing.text]], newId));
        setEditing(null);
      }
      if (move) select({ row: active.row + move.row, column: active.column + move.column });
    },
    [editing, keys, active, edit, select, rows],
  );

  const cancel = () => setEditing(null);
  const startEditing = (text?: string) => setEditing(text === undefined ? { text: rows[active.row]?.cells[keys[active.column] ?? ""] ?? "", mode: "edit" } : { text, mode: "replace" });

  function pasteText(text: string, target: CellPosition = active) {
    const lines = parseTable(text);
    // Into an empty grid, rows start at the top wherever the user clicked.
    const at = rows.some((row) => !isEmptyRow(row)) ? target : { row: 0, column: target.column };
    if (lines.length === 0) return;
    const [first] = lines;
    if (lines.length === 1 && first?.length === 1 && (range.bottom > range.top || range.right > range.left)) {
      edit(fillRange(rows, range, keys, first[0] ?? "", newId));
      return;
    }
    const header = first && isHeaderRow(columns, first) ? first : null;
    const data = header ? lines.slice(1) : lines;
    const mapping = header ? mappingFromHeader(columns, header, rememberedMapping(mappingStoreKey)) : mappingInOrder(columns, first?.length ?? 0, at.column);
    edit(pasteRows(rows, at.row, data, mapping, newId));
    setLastPaste({ id: (lastPaste?.id ?? 0) + 1, before: rows, startRow: at.row, lines: data, header, mapping });
    if (header) rememberMapping(mappingStoreKey, header, mapping);
    const placed = mapping.map((key) => keys.indexOf(key ?? "")).filter((index) => index >= 0);
    // The pasted block is selected, with the active cell at its top left where the eye starts.
    selectRange({ row: at.row + Math.max(0, data.length - 1), column: Math.max(...placed, at.column) }, { row: at.row, column: Math.min(...placed, at.column) });
    setAnnouncement(`Pasted ${data.length} ${data.length === 1 ? "row" : "rows"}${header ? ", columns matched by their headers" : ""}.`);
  }

  /** A dropped or picked file: its rows go after the last filled row. */
  function importText(text: string) {
    const lastFilled = rows.findLastIndex((row) => !isEmptyRow(row));
    pasteText(text, { row: lastFilled + 1, column: 0 });
  }

  function remap(index: number, key: string | null) {
    if (!lastPaste) return;
    const mapping = lastPaste.mapping.map((current, position) => (position === index ? key : current === key ? null : current));
    edit(pasteRows(lastPaste.before, lastPaste.startRow, lastPaste.lines, mapping, newId));
    setLastPaste({ ...lastPaste, mapping });
    if (lastPaste.header) rememberMapping(mappingStoreKey, lastPaste.header, mapping);
  }

  const rowActions = {
    add: () => select({ row: rows.length, column: 0 }),
    insert: () => edit(insertRows(rows, range.top, range.bottom - range.top + 1, newId)),
    duplicate: () => edit(duplicateRows(rows, range.top, Math.min(range.bottom, rows.length - 1), newId)),
    remove: () => {
      edit(deleteRows(rows, range.top, range.bottom));
      select({ row: range.top, column: active.column });
    },
  };

  function copy(event: React.ClipboardEvent, cut: boolean) {
    if (editing) return;
    event.preventDefault();
    event.clipboardData.setData("text/plain", toTsv(cellsOf(rows, range, keys)));
    if (cut) edit(fillRange(rows, range, keys, "", newId));
  }

  function paste(event: React.ClipboardEvent) {
    const text = event.clipboardData.getData("text/plain");
    // Inside a cell being edited, a plain value is typed in; rows and columns become cells.
    if (editing && !/[\t\r\n]/.test(text.trim())) return;
    event.preventDefault();
    setEditing(null);
    pasteText(text);
  }

  function keyDown(event: React.KeyboardEvent) {
    if (editing) return;
    const command = event.ctrlKey || event.metaKey;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const shortcuts: Record<string, (() => void) | undefined> = {
      z: () => dispatch({ type: event.shiftKey ? "redo" : "undo" }),
      y: () => dispatch({ type: "redo" }),
      d: () => edit(fillDown(rows, range, keys, newId)),
      a: () => selectRange({ row: 0, column: 0 }, { row: Math.max(0, rows.length - 1), column: columns.length - 1 }),
    };
    const shortcut = command ? shortcuts[key] : undefined;
    if (shortcut) shortcut();
    const handled = shortcut !== undefined || (!command && !event.altKey && navigate(event));
    if (handled) event.preventDefault();
  }

  function navigate(event: React.KeyboardEvent): boolean {
    const extend = event.shiftKey;
    const steps: Record<string, [number, number] | undefined> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageDown: [PAGE_ROWS, 0],
      PageUp: [-PAGE_ROWS, 0],
    };
    const step = steps[event.key];
    if (step) {
      select({ row: active.row + step[0], column: active.column + step[1] }, extend);
      return true;
    }
    switch (event.key) {
      case "Home":
      case "End":
        select({ row: active.row, column: event.key === "Home" ? 0 : columns.length - 1 }, extend);
        return true;
      case "Tab": {
        // Tab walks the row; past its last cell (or before its first) it leaves the grid, so the
        // keyboard is never trapped and reaches Save.
        const column = active.column + (event.shiftKey ? -1 : 1);
        if (column < 0 || column >= columns.length) return false;
        select({ row: active.row, column });
        return true;
      }
      case "Enter":
      case "F2":
        startEditing();
        return true;
      case "Escape":
        setAnchor(active);
        return true;
      case "Delete":
      case "Backspace":
        edit(fillRange(rows, range, keys, "", newId));
        return true;
      default:
        if (event.key.length !== 1) return false;
        startEditing(event.key);
        return true;
    }
  }

  function editorKeyDown(event: React.KeyboardEvent) {
    const moves: Record<string, { row: number; column: number } | undefined> = {
      Enter: { row: event.shiftKey ? -1 : 1, column: 0 },
      Tab: { row: 0, column: event.shiftKey ? -1 : 1 },
    };
    if (editing?.mode === "replace") Object.assign(moves, { ArrowUp: { row: -1, column: 0 }, ArrowDown: { row: 1, column: 0 } });
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      commit(move);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  }

  return {
    rows,
    rowCount,
    history,
    anchor,
    active,
    range,
    editing,
    setEditing,
    lastPaste,
    dismissMapping: () => setLastPaste(null),
    announcement,
    select,
    selectRange,
    startEditing,
    commit,
    cancel,
    pasteText,
    importText,
    remap,
    rowActions,
    copy,
    paste,
    keyDown,
    editorKeyDown,
    /** Dispatches to the history; stable, so effects may depend on it. */
    apply: dispatch,
  };
}

export type GridEditor = ReturnType<typeof useGridEditor>;
export type { CellRange };

// The last header → column choices of this user in this module, kept in localStorage.
function rememberedMapping(storeKey: string): Record<string, string | null> {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(storeKey) ?? "{}");
    if (typeof stored !== "object" || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string | null] => typeof entry[1] === "string" || entry[1] === null));
  } catch {
    return {};
  }
}

function rememberMapping(storeKey: string, header: readonly string[], mapping: ColumnMapping): void {
  const remembered = rememberedMapping(storeKey);
  header.forEach((cell, index) => {
    if (normalizeHeader(cell) !== "") remembered[normalizeHeader(cell)] = mapping[index] ?? null;
  });
  try {
    window.localStorage.setItem(storeKey, JSON.stringify(remembered));
  } catch {
    // storage off: the mapping is simply not remembered
  }
}
