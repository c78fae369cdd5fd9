// A grid row checked the way the API will check it: each cell read by its column's kind (numbers,
// dates, catalogue names), then the module's zod schema, the very one the API and the actions use.
// Errors come back per column, so each lands on its cell.
import type { z } from "zod";
import type { DuplicateReason } from "@/lib/grid/duplicates";
import type { GridColumn, LookupName } from "@/lib/grid/columns";
import { readDate, readNumber, type DateOrder } from "@/lib/grid/values";

export interface CatalogueEntry {
  id: string;
  name: string;
  code?: string;
}

export type Catalogue = Partial<Record<LookupName, readonly CatalogueEntry[]>>;

export interface GridRow {
  /** Stable while the row lives (drafts, batch keys and React keys use it). */
  id: string;
  cells: Readonly<Record<string, string>>;
}

export interface GridModule<Input = unknown> {
  /** "dispatch": names drafts, remembered mappings and the grid ("Dispatch rows"). */
  name: string;
  label: string;
  columns: readonly GridColumn[];
  /** The API's schema for one row; its field names are the columns' keys. */
  schema: z.ZodType<Input>;
  /** Fields every row gets from the page rather than a cell (the site). */
  fixed: (context: ValidationContext) => Record<string, unknown>;
  /** What makes two rows likely the same entry (a dispatch: day, plate and LH trip), if anything. */
  duplicateKey?(input: Input, context: ValidationContext): string | null;
  /** What the warning says, for a row like a saved one and for a row like one above it. */
  duplicateMessages?: Readonly<Record<DuplicateReason, string>>;
}

export interface ValidationContext {
  siteId: string;
  /** The site's today, for rows whose date is left to the database. */
  today: string;
  catalogue: Catalogue;
  /** The user's chosen date order, or null to read it from the column (and flag what cannot be). */
  dateOrder: DateOrder | null;
}

export type RowCheck<Input> = { ok: true; input: Input; errors?: undefined } | { ok: false; errors: Record<string, string>; input?: undefined };

/** A catalogue entry by its name or code, case- and space-insensitively. */
function findEntry(entries: readonly CatalogueEntry[] | undefined, text: string): CatalogueEntry | undefined {
  const wanted = text.trim().toLowerCase().replace(/\s+/g, " ");
  return entries?.find((entry) => entry.name.toLowerCase() === wanted || entry.code?.toLowerCase() === wanted);
}

function readCell(column: GridColumn, text: string, context: ValidationContext, dateOrder: DateOrder | null): { value?: unknown; error?: string } {
  if (text.trim() === "") return {};
  switch (column.kind) {
    case "number": {
      const read = readNumber(text);
      return read.ok ? { value: read.value } : { error: read.message };
    }
    case "date": {
      const read = readDate(text, dateOrder);
      return read.ok ? { value: read.value } : { error: read.message };
    }
    case "lookup": {
      const entry = findEntry(column.lookup ? context.catalogue[column.lookup] : undefined, text);
      if (column.strict) return entry ? { value: entry.id } : { error: `No ${column.label.toLowerCase()} is called "${text.trim()}"` };
      return { value: entry?.name ?? text.trim() };
    }
    case "choice": {
      const option = column.options?.find((candidate) => candidate.toLowerCase() === text.trim().toLowerCase());
      return option ? { value: option } : { error: `Choose ${column.options?.join(", ")}` };
    }
    default:
      return { value: text };
  }
}

/** Checks one row; `dateOrders` holds each date column's order when the user has not chosen one. */
export function checkRow<Input>(module: GridModule<Input>, row: GridRow, context: ValidationContext, dateOrders: Readonly<Record<string, DateOrder | null>> = {}): RowCheck<Input> {
  const errors: Record<string, string> = {};
  const fields: Record<string, unknown> = { ...module.fixed(context) };
  for (const column of module.columns) {
    const read = readCell(column, row.cells[column.key] ?? "", context, context.dateOrder ?? dateOrders[column.key] ?? null);
    if (read.error) errors[column.key] = read.error;
    else if (read.value !== undefined) fields[column.key] = read.value;
  }
  const parsed = module.schema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      const column = module.columns.find((candidate) => candidate.key === key) ?? module.columns[0];
      if (column && !errors[column.key]) errors[column.key] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

export const isEmptyRow = (row: GridRow) => Object.values(row.cells).every((cell) => cell.trim() === "");
