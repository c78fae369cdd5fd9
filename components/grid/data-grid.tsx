"use client";

// The bulk-entry grid every module uses: paste from Excel, Google Sheets or a CSV file, fix what
// is wrong in place, save. The logic is in hooks (editor, checks, draft, save) and lib/grid.
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ClipboardPaste } from "lucide-react";
import { GridEditorInput } from "@/components/grid/grid-editor-input";
import { GridFooter } from "@/components/grid/grid-footer";
import { GridRowView, ROW_HEIGHT, cellAt, cellId } from "@/components/grid/grid-row";
import { GridToolbar } from "@/components/grid/grid-toolbar";
import { MappingBar } from "@/components/grid/mapping-bar";
import { useGridChecks } from "@/hooks/use-grid-checks";
import { useGridDraft } from "@/hooks/use-grid-draft";
import { useGridEditor } from "@/hooks/use-grid-editor";
import { useGridSave, type SaveRows } from "@/hooks/use-grid-save";
import { draftKey } from "@/lib/grid/draft-store";
import type { GridModule, ValidationContext } from "@/lib/grid/validate";
import type { DateOrder } from "@/lib/grid/values";

const ROW_NUMBER_WIDTH = 48;
const STATUS_WIDTH = 240;

export interface DataGridProps<Input> {
  module: GridModule<Input>;
  context: Omit<ValidationContext, "dateOrder">;
  userId: string;
  save: SaveRows;
  /** The saved rows' duplicate keys for these days, if the module checks for duplicates. */
  readSaved?: (days: string[]) => Promise<string[]>;
  /** Where saved rows can be seen. */
  listHref: string;
  noun: { one: string; many: string };
  /** Rows shown before the first is filled: 15 for a day's sheet, fewer where the grid sits above a list. */
  minRows?: number;
}

export function DataGrid<Input>({ module, context, userId, save, readSaved, listHref, noun, minRows }: DataGridProps<Input>) {
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const draft = draftKey(userId, context.siteId, module.name);
  const editor = useGridEditor(module.columns, `deskops:grid-mapping:${userId}:${module.name}`, minRows);
  const [dateOrder, setDateOrder] = useDateOrder(userId);
  const fullContext = useMemo(() => ({ ...context, dateOrder }), [context, dateOrder]);
  const saving = useGridSave(module.columns, draft, save, editor.apply);
  const checks = useGridChecks(module, editor.rows, fullContext, saving.serverErrors, readSaved);
  const draftStatus = useGridDraft(draft, editor.rows, editor.apply);
  const [dragging, setDragging] = useState(false);

  // TanStack Virtual's instance changes in place as the grid scrolls; the compiler leaves this
  // component unmemoised, which it is by design (the rows below are memoised one by one).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: editor.rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = `${ROW_NUMBER_WIDTH}px ${module.columns.map((column) => `${column.width}px`).join(" ")} ${STATUS_WIDTH}px`;
  const { active, range, editing } = editor;
  const virtualRows = virtualizer.getVirtualItems();
  // aria-activedescendant must name an element that exists: the active row may be scrolled out of
  // the rendered window (or not measured yet on the first frame), and then the grid names none.
  const activeRendered = virtualRows.some((item) => item.index === active.row);

  // Keep the active cell in view, and the focus on the grid when nothing is being edited.
  useEffect(() => {
    virtualizer.scrollToIndex(active.row, { align: "auto" });
    document.getElementById(cellId(gridId, active.row, active.column))?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [active.row, active.column, virtualizer, gridId]);
  const focusGrid = useCallback(() => gridRef.current?.focus({ preventScroll: true }), []);
  // After an edit ends (Enter, Tab, Esc), the focus goes back to the grid: the input that had it
  // is gone, and the keyboard would otherwise be left on the page's body.
  const wasEditing = useRef(false);
  useEffect(() => {
    const ended = wasEditing.current && !editing;
    wasEditing.current = editing !== null;
    const focus = document.activeElement;
    if (ended && (focus === null || focus === document.body || scrollRef.current?.contains(focus))) focusGrid();
  }, [editing, focusGrid]);
  useEffect(() => {
    const stop = () => setDragging(false);
    window.addEventListener("pointerup", stop);
    return () => window.removeEventListener("pointerup", stop);
  }, []);

  const readyRows = () =>
    editor.rows.flatMap((row, index) => {
      const check = checks.checks[index];
      return check?.ok && checks.errorsAt(index) === null ? [{ id: row.id, cells: row.cells, input: check.input }] : [];
    });

  const nextError = () => {
    const count = editor.rows.length;
    for (let step = 1; step <= count; step += 1) {
      const index = (active.row + step) % count;
      const errors = checks.errorsAt(index);
      const column = errors ? module.columns.findIndex((candidate) => errors[candidate.key]) : -1;
      if (column >= 0) {
        editor.select({ row: index, column });
        focusGrid();
        return;
      }
    }
  };

  const isSaving = saving.status.state === "saving";
  const empty = editor.rows.every((row) => Object.values(row.cells).every((cell) => cell.trim() === ""));

  return (
    <div className="grid min-w-0 grid-cols-1 gap-3" data-testid="data-grid">
      <GridToolbar
        editor={editor}
        dateOrder={dateOrder}
        onDateOrder={setDateOrder}
        disabled={isSaving}
        draftStatus={draftStatus}
        onImport={(text) => {
          editor.importText(text);
          focusGrid();
        }}
      />
      {editor.lastPaste ? <MappingBar key={editor.lastPaste.id} columns={module.columns} paste={editor.lastPaste} onChange={editor.remap} onDismiss={editor.dismissMapping} /> : null}
      <div className="relative">
        <div
          ref={scrollRef}
          data-testid="grid-scroller"
          className="relative max-h-[min(60vh,640px)] overflow-auto rounded-lg border bg-card"
        style={{ height: (editor.rowCount + 1) * ROW_HEIGHT + 2 }}
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            const file = event.dataTransfer.files[0];
            if (file) void file.text().then((text) => editor.importText(text));
          }}
        >
          <div
            ref={gridRef}
            role="grid"
            aria-label={module.label}
            aria-rowcount={editor.rowCount + 1}
            aria-colcount={module.columns.length + 2}
            aria-multiselectable
            aria-readonly={isSaving || undefined}
            aria-activedescendant={editing || !activeRendered ? undefined : cellId(gridId, active.row, active.column)}
            tabIndex={0}
            className="relative min-w-max outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
            onKeyDown={isSaving ? undefined : editor.keyDown}
            onCopy={(event) => editor.copy(event, false)}
            onCut={(event) => (isSaving ? undefined : editor.copy(event, true))}
            onPaste={isSaving ? undefined : editor.paste}
            data-testid="grid"
          >
            <div role="row" aria-rowindex={1} className="sticky top-0 z-20 grid border-b bg-muted text-xs font-medium text-muted-foreground" style={{ gridTemplateColumns: template }}>
              <div role="columnheader" className="sticky left-0 border-r bg-muted px-2 py-2">
                <span className="sr-only">Row</span>#
              </div>
              {module.columns.map((column, index) => (
                <div key={column.key} role="columnheader" aria-colindex={index + 2} className="truncate border-r px-2 py-2">
                  {column.label}
                  {column.strict ? <span className="sr-only"> (from the catalogue)</span> : null}
                </div>
              ))}
              <div role="columnheader" aria-colindex={module.columns.length + 2} className="sticky right-0 border-l bg-muted px-2 py-2">
                Check
              </div>
            </div>
            <div
              className="relative"
              style={{ height: virtualizer.getTotalSize() }}
              // One listener for every cell, so the rows stay memoised: select, drag a range, double-click to edit.
              onPointerDown={(event) => {
                const cell = cellAt(event.target);
                if (!cell || event.button !== 0 || event.target instanceof HTMLInputElement) return;
                if (editing) editor.commit();
                editor.select(cell, event.shiftKey);
                setDragging(true);
                focusGrid();
              }}
              onPointerOver={(event) => {
                const cell = cellAt(event.target);
                if (dragging && cell) editor.select(cell, true);
              }}
              onDoubleClick={(event) => {
                const cell = cellAt(event.target);
                if (!cell || event.target instanceof HTMLInputElement) return;
                editor.select(cell);
                editor.startEditing();
              }}
            >
              {virtualRows.map((item) => {
                const index = item.index;
                const inRows = index >= range.top && index <= range.bottom;
                const duplicate = checks.duplicates.get(index);
                return (
                  <GridRowView
                    key={item.key}
                    gridId={gridId}
                    index={index}
                    row={editor.rows[index]}
                    columns={module.columns}
                    template={template}
                    top={item.start}
                    errors={checks.errorsAt(index)}
                    duplicate={duplicate ? module.duplicateMessages?.[duplicate] : undefined}
                    selectedLeft={inRows ? range.left : -1}
                    selectedRight={inRows ? range.right : -1}
                    activeColumn={index === active.row ? active.column : null}
                    editor={index === active.row && editing ? <GridEditorInput editor={editor} column={module.columns[active.column]} catalogue={context.catalogue} listId={`${gridId}-options`} /> : null}
                  />
                );
              })}
            </div>
          </div>
        </div>
        {empty ? (
          <div className="pointer-events-none absolute inset-x-0 top-28 grid place-items-center gap-2 text-center text-sm text-muted-foreground" data-testid="grid-empty">
            <ClipboardPaste className="size-6" aria-hidden />
            <p className="font-medium text-foreground">Paste rows from Excel or Google Sheets</p>
            <p>Click a cell and press Ctrl+V (⌘V on a Mac), drop a CSV file here, or start typing.</p>
          </div>
        ) : null}
      </div>
      <p className="sr-only" aria-live="polite">
        {editor.announcement}
      </p>
      <GridFooter
        ready={checks.ready}
        toFix={checks.toFix}
        duplicates={checks.duplicates.size}
        status={saving.status}
        noun={noun}
        listHref={listHref}
        onNextError={nextError}
        onSave={() => void saving.saveRows(readyRows())}
        onDismiss={saving.dismiss}
      />
      {saving.status.state === "failed" && saving.status.signIn ? (
        <p className="text-sm">
          <Link className="font-medium underline underline-offset-4" href={`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}>
            Sign in again
          </Link>{" "}
          — your rows are kept in this browser.
        </p>
      ) : null}
    </div>
  );
}

const DATE_ORDER_KEY = "deskops:date-order:";
const dateOrderListeners = new Set<() => void>();

function storedDateOrder(userId: string): DateOrder | null {
  try {
    const stored = window.localStorage.getItem(DATE_ORDER_KEY + userId);
    return stored === "dmy" || stored === "mdy" ? stored : null;
  } catch {
    return null;
  }
}

/** The user's date order for slash dates (null: read it from the column), kept in localStorage. */
function useDateOrder(userId: string): [DateOrder | null, (order: DateOrder | null) => void] {
  const order = useSyncExternalStore(
    (listener) => {
      dateOrderListeners.add(listener);
      return () => dateOrderListeners.delete(listener);
    },
    () => storedDateOrder(userId),
    () => null,
  );
  const change = (next: DateOrder | null) => {
    try {
      if (next) window.localStorage.setItem(DATE_ORDER_KEY + userId, next);
      else window.localStorage.removeItem(DATE_ORDER_KEY + userId);
    } catch {
      // storage off: the choice is not kept
    }
    for (const listener of dateOrderListeners) listener();
  };
  return [order, change];
}
