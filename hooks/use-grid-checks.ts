"use client";

// Every row of the grid checked as the user works: the module's schema per row (memoised per row
// object, so a keystroke in a 5,000-row grid checks one row), errors the server found on a save,
// and likely duplicates, in the grid and among the site's saved rows.
import { useEffect, useMemo, useState } from "react";
import { findDuplicates, type DuplicateReason } from "@/lib/grid/duplicates";
import { checkRow, isEmptyRow, type GridModule, type GridRow, type RowCheck, type ValidationContext } from "@/lib/grid/validate";
import { inferDateOrder, type DateOrder } from "@/lib/grid/values";

/** An error the server gave a row; it holds until the row's cells change. */
export interface ServerError {
  cells: GridRow["cells"];
  column: string | null;
  message: string;
}

export interface GridChecks<Input> {
  checks: readonly (RowCheck<Input> | null)[];
  /** Row index → the reason it may be a duplicate. */
  duplicates: ReadonlyMap<number, DuplicateReason>;
  /** Row index → each invalid column's reason (schema and server errors together). */
  errorsAt: (index: number) => Readonly<Record<string, string>> | null;
  ready: number;
  toFix: number;
}

const TRIPS_DELAY_MS = 400;

const asDateOrder = (text: string | undefined): DateOrder | null => (text === "dmy" || text === "mdy" ? text : null);

export function useGridChecks<Input>(
  module: GridModule<Input>,
  rows: readonly GridRow[],
  context: ValidationContext,
  serverErrors: ReadonlyMap<string, ServerError>,
  readSaved: ((days: string[]) => Promise<string[]>) | undefined,
): GridChecks<Input> {
  const dateColumns = useMemo(() => module.columns.filter((column) => column.kind === "date").map((column) => column.key), [module]);
  // The order each date column proves, as text ("dmy,-"): read once per change of the rows (a
  // keystroke renders the grid but changes none), and equal text keeps the cache below.
  const ordersKey = useMemo(() => dateColumns.map((key) => inferDateOrder(rows.map((row) => row.cells[key] ?? "")) ?? "-").join(","), [rows, dateColumns]);
  // One cache per context: a new date order or catalogue checks every row again, a keystroke one.
  const cache = useMemo(() => {
    const orders = ordersKey.split(",");
    return {
      context,
      orders: Object.fromEntries(dateColumns.map((key, index) => [key, asDateOrder(orders[index])])),
      results: new WeakMap<GridRow, RowCheck<Input>>(),
    };
  }, [dateColumns, context, ordersKey]);

  const checks = useMemo(
    () =>
      rows.map((row) => {
        if (isEmptyRow(row)) return null;
        let result = cache.results.get(row);
        if (!result) {
          result = checkRow(module, row, cache.context, cache.orders);
          cache.results.set(row, result);
        }
        return result;
      }),
    [rows, cache, module],
  );

  const keys = useMemo(() => checks.map((check) => (check?.ok && module.duplicateKey ? module.duplicateKey(check.input, context) : null)), [checks, module, context]);
  const saved = useSavedKeys(keys, readSaved);
  const duplicates = useMemo(() => findDuplicates(keys, saved), [keys, saved]);

  return useMemo(() => {
    const serverErrorAt = (index: number) => {
      const row = rows[index];
      const error = row ? serverErrors.get(row.id) : undefined;
      return error && error.cells === row?.cells ? error : undefined;
    };
    const errorsAt = (index: number) => {
      const check = checks[index];
      const server = serverErrorAt(index);
      if (!server) return check && !check.ok ? check.errors : null;
      return { ...(check?.errors ?? {}), [server.column ?? module.columns[0]?.key ?? ""]: server.message };
    };
    let ready = 0;
    let toFix = 0;
    checks.forEach((check, index) => {
      if (!check) return;
      if (check.ok && !serverErrorAt(index)) ready += 1;
      else toFix += 1;
    });
    return { checks, duplicates, errorsAt, ready, toFix };
  }, [checks, duplicates, rows, serverErrors, module]);
}

/** The saved rows' keys for the days in the grid, asked for again when those days change. */
function useSavedKeys(keys: readonly (string | null)[], readSaved: ((days: string[]) => Promise<string[]>) | undefined): ReadonlySet<string> {
  const daysKey = [...new Set(keys.flatMap((key) => (key ? [key.slice(0, 10)] : [])))].sort().join(",");
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!readSaved || daysKey === "") return;
    let current = true;
    const timer = setTimeout(() => {
      readSaved(daysKey.split(","))
        .then((found) => {
          if (current) setSaved(new Set(found));
        })
        .catch(() => {}); // a warning only: without it the grid still saves
    }, TRIPS_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [daysKey, readSaved]);
  return saved;
}
