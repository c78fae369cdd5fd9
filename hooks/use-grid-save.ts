"use client";

// "Save 48 rows": the ready rows go in batches of at most 5,000, each with a key made from its rows
// (lib/grid/batches.ts), so sending a batch again never saves it twice. Rows the server refuses
// (their site, a constraint) keep their reasons and stay; the rest of the batch is sent again
// without them. Saved rows leave the grid; a lost connection leaves everything in place to save again.
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { issuesOf } from "@/lib/forms";
import { batchKey, chunks } from "@/lib/grid/batches";
import type { GridAction } from "@/lib/grid/state";
import type { GridColumn } from "@/lib/grid/columns";
import type { GridRow } from "@/lib/grid/validate";
import type { ServerError } from "@/hooks/use-grid-checks";

export interface SaveInput {
  key: string;
  rows: unknown[];
}

export type SaveRows = (input: SaveInput) => Promise<ActionResult<{ saved: number }>>;

export type SaveState =
  | { state: "idle" }
  | { state: "saving"; done: number; total: number }
  | { state: "saved"; count: number }
  | { state: "failed"; message: string; signIn?: boolean; done: number };

interface ReadyRow {
  id: string;
  cells: GridRow["cells"];
  input: unknown;
}

interface RefusedRow {
  row: number;
  column: string | null;
  message?: string;
}

/**
 * The rows and fields a refused batch names: every issue the database or zod listed (a row may
 * have several; its first is shown), else the database's single { row, column }.
 */
export function refusedRows(details: unknown, columns: readonly string[]): RefusedRow[] {
  if (typeof details !== "object" || details === null) return [];
  const columnOf = (name: string | undefined) => (name && columns.includes(name) ? name : null);
  const byRow = new Map<number, RefusedRow>();
  // Issues' paths are "rows.<row>.<column>", as zod and the database both write them.
  for (const issue of issuesOf(details)) {
    if (issue.row !== undefined && !byRow.has(issue.row)) byRow.set(issue.row, { row: issue.row, column: columnOf(issue.path.split(".")[2]), message: issue.message });
  }
  if (byRow.size > 0) return [...byRow.values()];
  if ("row" in details && typeof details.row === "number") {
    return [{ row: details.row, column: columnOf("column" in details && typeof details.column === "string" ? details.column : undefined) }];
  }
  return [];
}

/** "Row 3: new row violates check constraint…" → the part after the row number. */
const withoutRowNumber = (message: string) => message.replace(/^Row \d+:\s*/, "");

export function useGridSave(columns: readonly GridColumn[], draft: string, save: SaveRows, apply: (action: GridAction) => void) {
  const [status, setStatus] = useState<SaveState>({ state: "idle" });
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<string, ServerError>>(new Map());
  const columnKeys = columns.map((column) => column.key);

  async function saveRows(ready: readonly ReadyRow[]): Promise<void> {
    if (ready.length === 0 || status.state === "saving") return;
    const refused = new Map(serverErrors);
    let done = 0;
    let refusedNow = 0;
    setStatus({ state: "saving", done, total: ready.length });
    for (const chunk of chunks(ready)) {
      let batch = chunk;
      while (batch.length > 0) {
        let result: Awaited<ReturnType<SaveRows>>;
        try {
          result = await save({ key: await batchKey(draft, batch.map(({ id, input }) => ({ id, input }))), rows: batch.map((row) => row.input) });
        } catch {
          setServerErrors(refused);
          setStatus({ state: "failed", done, message: "DeskOps could not be reached. Nothing is lost: save again, and rows that already reached the server will not be saved twice." });
          return;
        }
        if (result.success) {
          apply({ type: "forget", ids: new Set(batch.map((row) => row.id)) });
          done += batch.length;
          setStatus({ state: "saving", done, total: ready.length });
          break;
        }
        const named = result.code === "VALIDATION_ERROR" || result.code === "DUPLICATE_RECORD" ? refusedRows(result.details, columnKeys) : [];
        const culprits = named.flatMap((row) => {
          const culprit = batch[row.row - 1];
          return culprit ? [{ culprit, row }] : [];
        });
        if (culprits.length === 0) {
          setServerErrors(refused);
          setStatus({ state: "failed", done, message: result.message, signIn: result.code === "UNAUTHORIZED" });
          return;
        }
        for (const { culprit, row } of culprits) {
          refused.set(culprit.id, { cells: culprit.cells, column: row.column, message: row.message ?? withoutRowNumber(result.message) });
        }
        refusedNow += culprits.length;
        const left = new Set(culprits.map(({ culprit }) => culprit));
        batch = batch.filter((candidate) => !left.has(candidate));
      }
    }
    setServerErrors(refused);
    setStatus(refusedNow > 0 ? { state: "failed", done, message: `${done} saved. The rows left could not be saved: each says why.` } : { state: "saved", count: done });
  }

  return { status, serverErrors, saveRows, dismiss: () => setStatus({ state: "idle" }) };
}
