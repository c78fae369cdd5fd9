// What a grid column is, and how a pasted header row finds its columns: by name or a synonym,
// ignoring case, spaces and punctuation ("Plate No." and "plate_number" are the same column).

export type ColumnKind = "text" | "number" | "date" | "lookup" | "choice";

export interface GridColumn<Key extends string = string> {
  key: Key;
  label: string;
  kind: ColumnKind;
  /** Other names people give the column in their sheets. */
  synonyms?: readonly string[];
  /** For lookup columns: the catalogue the value is chosen from. */
  lookup?: LookupName;
  /** Width in pixels. */
  width: number;
  /** For choice columns: the values allowed (matched case-insensitively). */
  options?: readonly string[];
  /** A lookup that must match a catalogue entry (a material); otherwise names are suggested only. */
  strict?: boolean;
}

export type LookupName = "clusters" | "processors" | "materials" | "equipment" | "roles";

/** Where each pasted column goes: a grid column's key, or null to leave it out. */
export type ColumnMapping = (string | null)[];

/** "LH Trip #" → "lhtrip": the header as compared. */
export const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

function namesOf(column: GridColumn): string[] {
  return [column.key, column.label, ...(column.synonyms ?? [])].map(normalizeHeader);
}

/** The column a header names, or null. */
export function columnForHeader(columns: readonly GridColumn[], header: string): string | null {
  const name = normalizeHeader(header);
  if (name === "") return null;
  return columns.find((column) => namesOf(column).includes(name))?.key ?? null;
}

/**
 * Whether the first pasted row is a header: at least half of its filled cells name a column (and
 * at least one does). A data row rarely reads like "Plate No." in most of its cells.
 */
export function isHeaderRow(columns: readonly GridColumn[], row: readonly string[]): boolean {
  const filled = row.filter((cell) => cell.trim() !== "");
  if (filled.length === 0) return false;
  const named = filled.filter((cell) => columnForHeader(columns, cell) !== null).length;
  return named > 0 && named * 2 >= filled.length;
}

/** A header row's mapping: each pasted column to the column it names, each grid column used once. */
export function mappingFromHeader(columns: readonly GridColumn[], header: readonly string[], remembered: Readonly<Record<string, string | null>> = {}): ColumnMapping {
  const used = new Set<string>();
  return header.map((cell) => {
    const name = normalizeHeader(cell);
    const key = name in remembered ? (remembered[name] ?? null) : columnForHeader(columns, cell);
    if (key === null || used.has(key) || !columns.some((column) => column.key === key)) return null;
    used.add(key);
    return key;
  });
}

/** Without a header: pasted columns fill the grid's columns in order, from the one pasted into. */
export function mappingInOrder(columns: readonly GridColumn[], width: number, firstColumn = 0): ColumnMapping {
  return Array.from({ length: width }, (_, index) => columns[firstColumn + index]?.key ?? null);
}
