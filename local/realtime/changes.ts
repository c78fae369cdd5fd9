// The change feed: logical replication (pgoutput) of the realtime publications through a slot
// this server owns. Changes are handed over one committed transaction at a time and the slot is
// advanced only after they were handed over, so a restart of either side loses nothing. Values
// stay the text Postgres wrote them as: Postgres itself turns them into JSON and judges RLS on
// them (realtime.local_apply), so nothing is lost to JavaScript's dates or numbers.
import pg from "pg";
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from "pg-logical-replication";

type Message = Pgoutput.Message;
import type { Logger } from "../log";

export type ChangeType = "INSERT" | "UPDATE" | "DELETE";

/** A row as the replication stream carries it: each column's text, or null. An unchanged TOAST value is absent. */
export type RowText = Record<string, string | null>;

export interface TableChange {
  schema: string;
  table: string;
  type: ChangeType;
  commitTimestamp: string;
  columns: Array<{ name: string; type: string }>;
  primaryKey: string[];
  /** The new row (inserts and updates). */
  values: RowText | null;
  /** The old row's identity: its key, or every column with REPLICA IDENTITY FULL (updates and deletes). */
  oldValues: RowText | null;
}

export interface ChangeFeedOptions {
  databaseUrl: string;
  slotName: string;
  publications: string[];
  /** Called for each change of a committed transaction, in order. */
  onChange: (change: TableChange) => Promise<void>;
  log: Logger;
}

export interface ChangeFeed {
  stop(): Promise<void>;
}

const keepText = (text: string) => text;

/** pgoutput, with every column's value kept as the text Postgres sent (no JavaScript parsing). */
class TextPgoutputPlugin extends PgoutputPlugin {
  override parse(buffer: Buffer): Message {
    const message = super.parse(buffer);
    if (message.tag === "relation") for (const column of message.columns) column.parser = keepText;
    return message;
  }
}

function rowText(tuple: Record<string, unknown> | null | undefined): RowText | null {
  if (!tuple) return null;
  const row: RowText = {};
  for (const [name, value] of Object.entries(tuple)) {
    if (value === undefined) continue; // an unchanged TOAST value: not sent
    row[name] = typeof value === "string" ? value : null;
  }
  return row;
}

const RETRY_MS = [100, 250, 500, 1000, 2000];

/** Creates the slot if needed; returns how far it has been confirmed. */
async function ensureSlot(databaseUrl: string, slotName: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ wal_level: string }>("select current_setting('wal_level') as wal_level");
    if (rows[0]?.wal_level !== "logical") {
      throw new Error(`Realtime needs wal_level=logical; this server has ${rows[0]?.wal_level}`);
    }
    await client.query(
      `select pg_create_logical_replication_slot($1, 'pgoutput')
        where not exists (select 1 from pg_replication_slots where slot_name = $1)`,
      [slotName],
    );
    const slot = await client.query<{ lsn: string }>(
      "select confirmed_flush_lsn::text as lsn from pg_replication_slots where slot_name = $1",
      [slotName],
    );
    return slot.rows[0]?.lsn ?? "0/0";
  } finally {
    await client.end();
  }
}

async function loadTypeNames(databaseUrl: string): Promise<Map<number, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ oid: number; typname: string }>("select oid::int as oid, typname from pg_type");
    return new Map(rows.map((row) => [row.oid, row.typname]));
  } finally {
    await client.end();
  }
}

function toChange(message: Message, commitTimestamp: string, typeNames: Map<number, string>): TableChange | null {
  if (message.tag !== "insert" && message.tag !== "update" && message.tag !== "delete") return null;
  const relation = message.relation;
  const base = {
    schema: relation.schema,
    table: relation.name,
    commitTimestamp,
    columns: relation.columns.map((column) => ({ name: column.name, type: typeNames.get(column.typeOid) ?? "text" })),
    primaryKey: relation.keyColumns,
  };
  if (message.tag === "insert") return { ...base, type: "INSERT", values: rowText(message.new), oldValues: null };
  if (message.tag === "delete") return { ...base, type: "DELETE", values: null, oldValues: rowText(message.key ?? message.old) };
  // With the default replica identity, pgoutput sends the old key only when it changed; the
  // unchanged key is the new row's.
  const oldValues = rowText(message.key ?? message.old) ?? Object.fromEntries(relation.keyColumns.map((column) => [column, rowText(message.new)?.[column] ?? null]));
  return { ...base, type: "UPDATE", values: rowText(message.new), oldValues };
}

/** A WAL position as Postgres prints it ("16/B374D848"), as a number. */
function lsnValue(lsn: string): bigint {
  const [high = "0", low = "0"] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const lsnText = (value: bigint) => `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;

/** Orders two WAL positions. */
export function compareLsn(a: string, b: string): number {
  const difference = lsnValue(a) - lsnValue(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}

/** The position one byte further: what a commit at `lsn` is confirmed as (its end). */
const lsnAfter = (lsn: string) => lsnText(lsnValue(lsn) + 1n);

/**
 * What to pass pg-logical-replication's acknowledge() so the server is told exactly `position`:
 * it reports the position it is given plus one byte.
 */
const acknowledgedAs = (position: string) => lsnText(lsnValue(position) > 0n ? lsnValue(position) - 1n : 0n);

export async function startChangeFeed(options: ChangeFeedOptions): Promise<ChangeFeed> {
  // The position up to which every change has been handed over: what the slot may be advanced to,
  // and exactly what the server is told.
  let handedOver = await ensureSlot(options.databaseUrl, options.slotName);
  let typeNames = await loadTypeNames(options.databaseUrl);
  let service: LogicalReplicationService | null = null;
  let stopped = false;
  let attempt = 0;
  let commitTimestamp = new Date().toISOString();
  // Between a transaction's begin and commit messages: its changes are not all handed over yet.
  let inTransaction = false;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    // A transaction cut off by the lost connection is read again from its begin.
    inTransaction = false;
    const current = new LogicalReplicationService(
      { connectionString: options.databaseUrl },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    service = current;
    // pgoutput sends a transaction only once it has committed, so each change can go out as it
    // arrives (a million-row transaction is never held in memory); the slot advances at commit.
    current.on("data", async (lsn: string, raw: Message) => {
      attempt = 0;
      if (raw.tag === "begin") {
        inTransaction = true;
        commitTimestamp = new Date(Number(BigInt(raw.commitTime.toString()) / 1000n)).toISOString();
      } else if (raw.tag === "relation") {
        // A new table or type may have appeared since start-up.
        typeNames = await loadTypeNames(options.databaseUrl).catch(() => typeNames);
      } else if (raw.tag === "commit") {
        inTransaction = false;
        handedOver = lsnAfter(lsn);
        await current.acknowledge(acknowledgedAs(handedOver));
      } else {
        const change = toChange(raw, commitTimestamp, typeNames);
        if (!change || service !== current) return;
        try {
          await options.onChange(change);
        } catch (error) {
          // The change could not be handed over (the database went away mid-change): read the
          // transaction again from the last confirmed commit, so nothing is lost. Changes of it
          // already delivered may arrive twice.
          options.log.error(`realtime: could not deliver a change to ${change.schema}.${change.table} (${(error as Error).message}); reading it again`);
          void retry(current);
        }
      }
    });
    // IMPORTANT: answer the server's keepalives, or it drops the connection after
    // wal_sender_timeout while decoding a large transaction, and decoding starts over. The answer
    // confirms only what was handed over. Outside a transaction, everything the server has read
    // up to the keepalive's position was sent before it (transactions with no published change
    // are skipped, never sent), so that position is confirmed: otherwise the slot would stay
    // behind, and hold WAL, until the next published change.
    // IMPORTANT: confirm exactly that position, not a byte past it. A shutting-down server's
    // walsender waits until the confirmed position equals what it sent, asking again and again:
    // one byte off, and Postgres's fast shutdown (a restart) never finished.
    current.on("heartbeat", async (lsn: string, _timestamp: number, shouldRespond: boolean) => {
      const caughtUp = !inTransaction && compareLsn(lsn, handedOver) >= 0;
      const changed = caughtUp && compareLsn(lsn, handedOver) > 0;
      if (caughtUp) handedOver = lsn;
      if (changed || shouldRespond) await current.acknowledge(acknowledgedAs(handedOver));
    });
    current.on("error", (error: Error) => {
      if (stopped) return;
      options.log.error(`realtime replication: ${error.message}; reconnecting`);
      void retry(current);
    });
    const plugin = new TextPgoutputPlugin({ protoVersion: 1, publicationNames: options.publications });
    current.subscribe(plugin, options.slotName).catch((error: unknown) => {
      if (stopped) return;
      options.log.error(`realtime replication: ${(error as Error).message}; reconnecting`);
      void retry(current);
    });
  };

  let retrying = false;
  const retry = async (failed: LogicalReplicationService): Promise<void> => {
    if (retrying || stopped || service !== failed) return;
    retrying = true;
    await failed.stop().catch(() => {});
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
    attempt += 1;
    await new Promise((resolve) => setTimeout(resolve, delay));
    retrying = false;
    await connect();
  };

  await connect();
  return {
    stop: async () => {
      stopped = true;
      await service?.stop().catch(() => {});
    },
  };
}
