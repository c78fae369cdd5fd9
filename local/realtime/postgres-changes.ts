// postgres_changes: the bindings a channel asks for at join, which changes they match, and the
// payload Supabase sends. Whether a subscriber may see a change is judged by Postgres on the
// change itself (realtime.local_apply in the bootstrap), never by looking the row up again.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { JwtClaims } from "../jwt";
import type { RowText, TableChange } from "./changes";
import { matchesFilter, parseFilter, type ChangeFilter } from "./filters";

export class JoinError extends Error {}

export interface Binding {
  id: number;
  event: "*" | "INSERT" | "UPDATE" | "DELETE";
  schema: string;
  table?: string;
  filterText?: string;
  filter: ChangeFilter | null;
}

const EVENTS = new Set(["*", "INSERT", "UPDATE", "DELETE"]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isEvent = (value: string): value is Binding["event"] => EVENTS.has(value);

/** A stable positive id for a binding, as Realtime derives one from the binding's parameters. */
function bindingId(parts: unknown[]): number {
  return createHash("sha1").update(JSON.stringify(parts)).digest().readUInt32BE(0) % 100_000_000;
}

export function parseBindings(config: Record<string, unknown>): Binding[] {
  const requested = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
  return requested.map((raw): Binding => {
    if (!isRecord(raw)) throw new JoinError("postgres_changes bindings must be objects");
    const event = typeof raw.event === "string" ? raw.event.toUpperCase() : "";
    if (!isEvent(event)) throw new JoinError(`Invalid postgres_changes event "${String(raw.event)}"`);
    if (typeof raw.schema !== "string" || raw.schema === "") throw new JoinError("postgres_changes bindings need a schema");
    const table = typeof raw.table === "string" && raw.table !== "" ? raw.table : undefined;
    const filterText = typeof raw.filter === "string" && raw.filter !== "" ? raw.filter : undefined;
    let filter: ChangeFilter | null = null;
    if (filterText) {
      try {
        filter = parseFilter(filterText);
      } catch (error) {
        throw new JoinError((error as Error).message);
      }
    }
    return { id: bindingId([raw.event, raw.schema, table ?? null, filterText ?? null]), event, schema: raw.schema, table, filterText, filter };
  });
}

/** Does the binding ask for this kind of change on this table (its filter is checked later, on the row as JSON)? */
export function bindingWants(binding: Binding, change: TableChange): boolean {
  if (binding.schema !== "*" && binding.schema !== change.schema) return false;
  if (binding.table && binding.table !== "*" && binding.table !== change.table) return false;
  return binding.event === "*" || binding.event === change.type;
}

/** The binding's filter against the row (the new one; a delete's old key), as Supabase applies it. */
export function filterPasses(binding: Binding, change: TableChange, row: Record<string, unknown>): boolean {
  if (!binding.filter) return true;
  const filter = binding.filter;
  const type = change.columns.find((column) => column.name === filter.column)?.type ?? "text";
  return matchesFilter(filter, row, type);
}

export interface AppliedChange {
  /** The new row as JSON (Postgres's rendering of each type), or null for a delete. */
  record: Record<string, unknown> | null;
  /** What Supabase sends of the old row (updates and deletes): its primary key on a table with RLS. */
  oldKey: Record<string, unknown> | null;
  /** Per subscriber (in the order given): may their role select the row (a delete's old row)? */
  visible: boolean[];
}

const JSON_TYPES = new Set(["json", "jsonb"]);

/**
 * A row's text as jsonb_populate_record input: every value as a JSON string (Postgres reads it
 * with the column type's own input function), but json and jsonb, which are JSON already.
 */
function populateInput(change: TableChange, row: RowText): Record<string, unknown> {
  const types = new Map(change.columns.map((column) => [column.name, column.type]));
  return Object.fromEntries(
    Object.entries(row).map(([name, text]) => [name, text !== null && JSON_TYPES.has(types.get(name) ?? "") ? (JSON.parse(text) as unknown) : text]),
  );
}

/** One query for a group of subscribers of a change: the rows as JSON, and who may see the new one. */
async function applyTo(client: pg.PoolClient, change: TableChange, subscribers: JwtClaims[]): Promise<AppliedChange> {
  const table = `${client.escapeIdentifier(change.schema)}.${client.escapeIdentifier(change.table)}`;
  const input = (row: RowText | null) => (row ? JSON.stringify(populateInput(change, row)) : null);
  const { rows } = await client.query<{ record: Record<string, unknown> | null; old_record: Record<string, unknown> | null; visible: boolean[] }>(
    "select record, old_record, visible from realtime.local_apply($1::regclass, $2::jsonb, $3::jsonb, $4::jsonb[])",
    [table, input(change.values), input(change.type === "INSERT" ? null : change.oldValues), subscribers.map((claims) => JSON.stringify(claims))],
  );
  const [result] = rows;
  // A delete is judged on its old row (Supabase sends it to every subscriber of the table; that
  // told another site's users, and the anon key, which rows went away).
  const visible = result?.visible ?? subscribers.map(() => false);
  return { record: result?.record ?? null, oldKey: result?.old_record ?? null, visible };
}

/** The postgres_changes payload realtime-js reads. */
export function changePayload(change: TableChange, applied: AppliedChange, ids: number[]): Record<string, unknown> {
  return {
    ids,
    data: {
      schema: change.schema,
      table: change.table,
      commit_timestamp: change.commitTimestamp,
      type: change.type,
      eventType: change.type,
      columns: change.columns,
      record: applied.record ?? undefined,
      old_record: change.type === "INSERT" ? undefined : (applied.oldKey ?? {}),
      errors: null,
    },
  };
}

/** Subscribers judged per query: below this, one query; above, several connections share the work. */
const SUBSCRIBERS_PER_QUERY = 50;

/**
 * The change, judged for every subscriber. Each subscriber's policies run in Postgres (a third of
 * a millisecond each for DeskOps's), so hundreds of subscribers are split across the pool's
 * connections and judged in parallel.
 */
export async function applyChange(pool: pg.Pool, change: TableChange, subscribers: JwtClaims[], connections: number): Promise<AppliedChange> {
  const groups = Math.max(1, Math.min(connections, Math.ceil(subscribers.length / SUBSCRIBERS_PER_QUERY)));
  const size = Math.ceil(subscribers.length / groups) || 1;
  const chunks = Array.from({ length: groups }, (_, index) => subscribers.slice(index * size, (index + 1) * size));
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const client = await pool.connect();
      try {
        return await applyTo(client, change, chunk);
      } finally {
        client.release();
      }
    }),
  );
  return { record: results[0]!.record, oldKey: results[0]!.oldKey, visible: results.flatMap((result) => result.visible) };
}
