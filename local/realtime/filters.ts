// postgres_changes filters ("column=op.value"), as Supabase Realtime accepts them: eq, neq, lt,
// lte, gt, gte and in.(a,b,c), compared by the column's type.

export type FilterOperator = "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "in";

export interface ChangeFilter {
  column: string;
  operator: FilterOperator;
  values: string[];
}

const FILTER = /^([A-Za-z_][A-Za-z0-9_]*)=(eq|neq|lt|lte|gt|gte|in)\.(.*)$/s;
const NUMERIC_TYPES = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "oid"]);

export function parseFilter(text: string): ChangeFilter {
  const match = FILTER.exec(text);
  if (!match) throw new Error(`invalid filter "${text}": expected column=operator.value`);
  const [, column, operator, raw] = match as unknown as [string, string, FilterOperator, string];
  if (operator === "in") {
    const list = /^\((.*)\)$/s.exec(raw);
    if (!list) throw new Error(`invalid filter "${text}": in takes a list like in.(a,b)`);
    const values = list[1]!.split(",").map((value) => value.trim().replace(/^"(.*)"$/s, "$1"));
    return { column, operator, values };
  }
  return { column, operator, values: [raw] };
}

function compare(a: unknown, b: string, type: string): number | null {
  if (a === null || a === undefined) return null;
  if (NUMERIC_TYPES.has(type)) {
    const [x, y] = [Number(a), Number(b)];
    return Number.isNaN(x) || Number.isNaN(y) ? null : x - y;
  }
  const text = a instanceof Date ? a.toISOString() : typeof a === "object" ? JSON.stringify(a) : String(a);
  if (type === "timestamptz" || type === "timestamp" || type === "date") {
    const [x, y] = [Date.parse(text), Date.parse(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  if (type === "bool") return String(text) === String(b === "t" ? "true" : b === "f" ? "false" : b) ? 0 : 1;
  return text < b ? -1 : text > b ? 1 : 0;
}

/** Does a row (column → value) match the filter? A missing or null value never matches. */
export function matchesFilter(filter: ChangeFilter, row: Record<string, unknown>, columnType: string): boolean {
  const value = row[filter.column];
  if (filter.operator === "in") return filter.values.some((candidate) => compare(value, candidate, columnType) === 0);
  const order = compare(value, filter.values[0]!, columnType);
  if (order === null) return false;
  switch (filter.operator) {
    case "eq":
      return order === 0;
    case "neq":
      return order !== 0;
    case "lt":
      return order < 0;
    case "lte":
      return order <= 0;
    case "gt":
      return order > 0;
    case "gte":
      return order >= 0;
  }
}
