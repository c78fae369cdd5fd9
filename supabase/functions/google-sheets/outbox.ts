// The outbox in Postgres (supabase/migrations/*_sheets_sync.sql), reached with SUPABASE_DB_URL:
// every rule of delivery (order, leases, backoff, dead events) is SQL; this is the call site.
// @ts-types="npm:@types/pg@8.23.1"
import pg from "npm:pg@8.23.1";

export interface ClaimedEvent {
  event_id: string;
  seq: number;
  row_id: string;
  action: string;
  payload: Record<string, unknown>;
  attempts: number;
  lease: string;
}

export interface Outbox {
  /** The next batch for this drainer, in order, leased to it. */
  claim(): Promise<ClaimedEvent[]>;
  /** Marks `delivered` delivered; the rest of the lease's events retry later (or die) with `error`. */
  settle(lease: string, delivered: string[], error: string | null): Promise<number>;
  batchSize(): Promise<number>;
  /** Records a run: why events wait, or null when the script is configured. */
  noteRun(waiting: string | null): Promise<void>;
  prune(): Promise<number>;
  /** False when this signature was seen before: a replay. */
  rememberSignature(signature: string, maxAgeSeconds: number): Promise<boolean>;
  /** Queues the dispatches as they are now (or their removal if they are gone). */
  enqueueResend(dispatchIds: string[], removal: boolean): Promise<number>;
  /** Compares the sheet's rows with dispatches, queues the repairs; the report. */
  reconcile(sheetRows: unknown[]): Promise<Record<string, unknown>>;
  /** A Status or Remarks edit from the sheet, applied as the sheet's user through the app's rules. */
  applyEdit(dispatchId: string, field: string, value: string): Promise<{ applied: boolean; message?: string }>;
}

const BIGINT_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === BIGINT_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function postgresOutbox(databaseUrl: string): Outbox {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 20_000, connectionTimeoutMillis: 10_000, application_name: "deskops-google-sheets", types });
  const value = async <T>(text: string, values: unknown[] = []): Promise<T> => (await pool.query(text, values)).rows[0]?.value as T;

  return {
    claim: async () => (await pool.query("select * from private.claim_sheets_events()")).rows as ClaimedEvent[],
    settle: (lease, delivered, error) => value<number>("select private.settle_sheets_events($1, $2::uuid[], $3) as value", [lease, delivered, error]),
    batchSize: () => value<number>("select batch_size as value from private.sheets_sync_rules()"),
    noteRun: async (waiting) => void (await pool.query("select private.note_sheets_run($1)", [waiting])),
    prune: () => value<number>("select private.prune_sheets_outbox() as value"),
    rememberSignature: (signature, maxAgeSeconds) =>
      value<boolean>("select private.remember_sheets_signature($1, make_interval(secs => $2)) as value", [signature, maxAgeSeconds]),
    enqueueResend: (dispatchIds, removal) => value<number>("select private.enqueue_sheets_resend($1::uuid[], $2) as value", [dispatchIds, removal]),
    reconcile: (sheetRows) => value<Record<string, unknown>>("select private.reconcile_sheet($1::jsonb) as value", [JSON.stringify(sheetRows)]),
    applyEdit: async (dispatchId, field, text) => {
      // One transaction: the claims the edit is made under stay local to it.
      const client = await pool.connect();
      try {
        await client.query("begin");
        const { rows } = await client.query("select private.apply_sheet_edit($1, $2, $3) as value", [dispatchId, field, text]);
        await client.query("commit");
        return rows[0].value as { applied: boolean; message?: string };
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
