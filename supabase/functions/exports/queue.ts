// The queue in Postgres (supabase/migrations/*_export_worker.sql), reached directly with
// SUPABASE_DB_URL: the claim takes a row lock (FOR UPDATE SKIP LOCKED), and the report's rows are
// read as the job's owner, so RLS decides what the file may hold.
//
// node-postgres with pg-copy-streams, not postgres.js: postgres.js 3.4 can leave its socket paused
// when a COPY stream ends while its reader is behind (porsager/postgres#499, fix #1016 unmerged),
// and every later query on that connection then waits forever. That hung export slices here.
// @ts-types="npm:@types/pg@8.23.1"
import pg from "npm:pg@8.23.1";
// @ts-types="npm:@types/pg-copy-streams@1.2.5"
import { to as copyTo } from "npm:pg-copy-streams@7.0.0";
import type { Cells, ReportColumn } from "./report.ts";
import type { ZipState } from "./zip.ts";

export interface ExportJob {
  id: string;
  user_id: string;
  site_id: string;
  module: string;
  format: "csv" | "xlsx" | "pdf";
  date_from: string;
  date_to: string;
  granularity: string;
  status: string;
  lease: string | null;
  cursor: string | null;
  parts: number;
  rows_total: number | null;
  rows_done: number;
  hash_state: string | null;
  /** The file writer's state between slices (an XLSX's zip). */
  writer_state: ZipState | null;
  file_size: number | null;
  file_path: string | null;
  attempts: number;
  stats: Record<string, number>;
}

export interface Checkpoint {
  cursor: string | null;
  parts: number;
  rows_done: number;
  rows_total: number;
  hash_state: string | null;
  writer_state?: ZipState | null;
  file_size: number;
  file_path: string;
  progress: number;
  stats?: Record<string, number>;
}

export interface SliceEnd {
  rowCount: number;
  /** The key of the slice's last row; null when no row is left. */
  untilKey: string | null;
  /** Whether the report has rows after this slice. */
  more: boolean;
}

export interface SheetSliceEnd extends SliceEnd {
  /** The totals row after the report's last row: only in its last slice. */
  totalsRow: string | null;
}

export interface Report {
  columns: ReportColumn[];
  header: string;
  site: string;
  rows: number;
  /** The most rows this format may hold (XLSX, PDF), or null. */
  cap: number | null;
  /** One line per record (daily), else totals, which are few and made in one go. */
  records: boolean;
}

export interface Queue {
  claim(jobId?: string): Promise<ExportJob | null>;
  /** The job if `lease` still holds it, whatever its status now (a user may have cancelled it). */
  held(jobId: string, lease: string): Promise<ExportJob | null>;
  status(jobId: string): Promise<string | null>;
  checkpoint(job: ExportJob, changes: Checkpoint): Promise<boolean>;
  complete(job: ExportJob, fileHash: string, fileSize: number, records: number): Promise<boolean>;
  fail(job: ExportJob, message: string): Promise<boolean>;
  expiredFiles(): Promise<Array<{ file_path: string | null; parts: number; format: string }>>;
  /** The report's header, site and row count, read as the job's owner. */
  describe(job: ExportJob): Promise<Report>;
  /**
   * The next slice of a daily report (at most `maxRows` records after `afterKey`) as CSV straight
   * from COPY ... TO STDOUT, handed to `write` while the read lasts: nothing is held whole here.
   * `write` is not called when no record is left and no header is wanted.
   */
  copySlice(job: ExportJob, afterKey: string | null, maxRows: number, withHeader: boolean, write: (csv: AsyncIterable<Uint8Array>) => Promise<void>): Promise<SliceEnd>;
  totalsCsv(job: ExportJob): Promise<{ csv: string; rowCount: number }>;
  /** The XLSX sheet's header row (row 1) as XML. */
  sheetHeader(job: ExportJob): Promise<string>;
  /**
   * The next slice of a daily report as XLSX sheet rows from `firstRow` on, straight from COPY,
   * handed to `write` with the slice's end, and with the totals row when it is the last slice.
   */
  sheetSlice(job: ExportJob, afterKey: string | null, maxRows: number, firstRow: number, write: (rows: AsyncIterable<Uint8Array>, end: SheetSliceEnd) => Promise<void>): Promise<SliceEnd>;
  /** A totals report's sheet rows from row 2 and its totals row, as XML. */
  sheetSummary(job: ExportJob): Promise<{ xml: string; rowCount: number }>;
  /** A page of typed cells, and its last row's key: the next page's cursor (null when empty). */
  rows(job: ExportJob, afterKey: string | null, maxRows: number): Promise<CellPage>;
  /**
   * A slice of seed 000's dispatch CSV as `userId` sees it, straight from COPY: the rows stream
   * while the transaction lasts, and it ends (or rolls back) when they are read (or cancelled).
   */
  dispatchCsv(userId: string, filters: DispatchCsvFilters, after: DispatchCsvKey | null, maxRows: number): Promise<DispatchCsvSlice>;
}

/** The list's filters, as lib/queries/dispatch.ts normalises them (null: no filter). */
export interface DispatchCsvFilters {
  region: string | null;
  status: string | null;
  created_from: string | null;
  created_to: string | null;
  cluster_pattern: string | null;
  processor_pattern: string | null;
  site_id: string | null;
  date_from: string | null;
  date_to: string | null;
  by_date: boolean;
}

/** A row's place in the list's order: the next slice starts after it. */
export interface DispatchCsvKey {
  date: string;
  created: string;
  id: string;
}

export interface DispatchCsvSlice {
  rows: ReadableStream<Uint8Array>;
  /** Where the next slice starts, or null when this is the last. */
  next: DispatchCsvKey | null;
}

// Dates stay text (YYYY-MM-DD): a report's day is a calendar day, not an instant. Counts and sizes
// (bigint) are numbers: a file is far below 2^53 bytes.
const DATE_OID = 1082;
const BIGINT_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === DATE_OID ? (value: string) => value
    : oid === BIGINT_OID ? (value: string) => Number(value)
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function postgresQueue(databaseUrl: string): Queue {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 3,
    idleTimeoutMillis: 20_000,
    connectionTimeoutMillis: 10_000,
    application_name: "deskops-exports",
    types,
  });

  const query = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await pool.query(text, values)).rows as T[];
  const first = async <T>(text: string, values: unknown[] = []): Promise<T | null> => (await query<T>(text, values))[0] ?? null;

  /**
   * Runs `work` in a transaction as the signed-in user: the role and claims PostgREST would set.
   * Repeatable read, so a slice's end and its COPY see the same rows. IMPORTANT: random_page_cost
   * 1.1 (rows in memory or on SSD) rather than Postgres's default 4: with 4 the planner reads a
   * slice with a bitmap scan and sorts 100,000 rows on disk (600 ms) instead of reading the
   * site/date index in order (220 ms).
   */
  async function asUser<T>(userId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query("begin isolation level repeatable read read only");
      await client.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true), set_config('random_page_cost', '1.1', true)", [
        JSON.stringify({ sub: userId, role: "authenticated" }),
      ]);
      const result = await work(client);
      await client.query("commit");
      client.release();
      return result;
    } catch (error) {
      // The connection is closed, not given back: it may be in the middle of a COPY, and closing
      // it rolls the transaction back.
      client.release(true);
      throw error;
    }
  }

  const asOwner = <T>(job: ExportJob, work: (client: pg.PoolClient) => Promise<T>) => asUser(job.user_id, work);
  const owned = async <T>(client: pg.PoolClient, text: string, values: unknown[]): Promise<T> => (await client.query(text, values)).rows[0] as T;
  const reportArgs = (job: ExportJob) => [job.module, job.site_id, job.date_from, job.date_to];
  const sliceEnd = (client: pg.PoolClient, job: ExportJob, afterKey: string | null, maxRows: number) =>
    owned<{ row_count: number; until_key: string | null; more: boolean }>(client,
      "select row_count, until_key, more from public.export_slice_end($1, $2, $3, $4, $5, $6)", [...reportArgs(job), afterKey, maxRows]);

  return {
    claim: (jobId) => first<ExportJob>("select * from private.claim_export_job($1)", [jobId ?? null]),
    held: (jobId, lease) => first<ExportJob>("select * from public.export_jobs where id = $1 and lease = $2", [jobId, lease]),
    status: async (jobId) => (await first<{ status: string }>("select status from public.export_jobs where id = $1", [jobId]))?.status ?? null,
    checkpoint: async (job, changes) =>
      (await first<{ saved: boolean }>("select private.checkpoint_export_job($1, $2, $3) as saved", [job.id, job.lease, JSON.stringify(changes)]))?.saved ?? false,
    complete: async (job, fileHash, fileSize, records) =>
      (await first<{ done: boolean }>("select private.complete_export_job($1, $2, $3, $4, $5) as done", [job.id, job.lease, fileHash, fileSize, records]))?.done ?? false,
    fail: async (job, message) => (await first<{ done: boolean }>("select private.fail_export_job($1, $2, $3) as done", [job.id, job.lease, message]))?.done ?? false,
    expiredFiles: () =>
      query<{ file_path: string | null; parts: number; format: string }>(
        "select e.file_path, e.parts, j.format from private.expired_export_files() e join public.export_jobs j on j.id = e.job_id",
      ),
    describe: async (job) => {
      const { records } = (await first<{ records: boolean }>("select private.is_record_report($1, $2) as records", [job.module, job.granularity]))!;
      return asOwner(job, async (client) => {
        const row = await owned<{ columns: ReportColumn[]; header: string; site: string | null; rows: number; cap: number | null }>(client, `
          select public.export_columns($1, $5) as columns,
                 public.export_csv_header($1, $5) as header,
                 (select s.code || ' ' || s.name from public.sites s where s.id = $2) as site,
                 public.export_row_count($1, $2, $3, $4, $5) as rows,
                 public.export_row_cap($6) as cap`, [...reportArgs(job), job.granularity, job.format]);
        // RLS hides a site its owner can no longer read: nothing of it may be exported.
        if (!row.site) throw new ReportError("You can no longer see this site, so its report cannot be made.");
        return { columns: row.columns, header: row.header, site: row.site, rows: row.rows, cap: row.cap, records };
      });
    },
    copySlice: (job, afterKey, maxRows, withHeader, write) =>
      asOwner(job, async (client) => {
        const end = await sliceEnd(client, job, afterKey, maxRows);
        if (end.row_count > 0 || withHeader) {
          const { statement } = await owned<{ statement: string }>(client,
            "select public.export_copy_sql($1, $2, $3, $4, $5, $6, $7) as statement", [...reportArgs(job), afterKey, end.until_key, withHeader]);
          // The statement is made by the database from typed values, each quoted as a literal.
          await write(client.query(copyTo(statement)));
        }
        return { rowCount: end.row_count, untilKey: end.until_key, more: end.more };
      }),
    sheetHeader: async (job) =>
      (await first<{ xml: string }>("select public.export_xlsx_header($1, $2) as xml", [job.module, job.granularity]))!.xml,
    sheetSlice: (job, afterKey, maxRows, firstRow, write) =>
      asOwner(job, async (client) => {
        const end = await sliceEnd(client, job, afterKey, maxRows);
        // The totals in the same snapshot as the last slice's rows.
        const totalsRow = end.more ? null : (await owned<{ xml: string }>(client,
          "select public.export_xlsx_totals_row($1, $2, $3, $4, $5) as xml", [...reportArgs(job), firstRow + end.row_count])).xml;
        const statement = end.row_count === 0 ? null : (await owned<{ statement: string }>(client,
          "select public.export_xlsx_copy_sql($1, $2, $3, $4, $5, $6, $7) as statement", [...reportArgs(job), afterKey, end.until_key, firstRow])).statement;
        const slice = { rowCount: end.row_count, untilKey: end.until_key, more: end.more };
        await write(statement ? client.query(copyTo(statement)) : nothing(), { ...slice, totalsRow });
        return slice;
      }),
    sheetSummary: (job) =>
      asOwner(job, async (client) => {
        const summary = await owned<{ xml: string; row_count: number }>(client,
          "select xml, row_count from public.export_xlsx_summary($1, $2, $3, $4, $5)", [...reportArgs(job), job.granularity]);
        return { xml: summary.xml, rowCount: summary.row_count };
      }),
    totalsCsv: (job) =>
      asOwner(job, async (client) => {
        const page = await owned<{ csv: string; row_count: number }>(client,
          "select csv, row_count from public.export_totals_csv($1, $2, $3, $4, $5)", [...reportArgs(job), job.granularity]);
        return { csv: page.csv, rowCount: page.row_count };
      }),
    // The page as one JSON text parsed once, not a JSON value per row: half the CPU. export_rows
    // gives the key on the last row only, so max() is that key.
    rows: (job, afterKey, maxRows) =>
      asOwner(job, async (client) => {
        const page = await owned<{ cells: string | null; last_key: string | null }>(client, `
          select json_agg(r.cells order by r.n)::text as cells, max(r.row_key collate "C") as last_key
            from public.export_rows($1, $2, $3, $4, $5, $6, $7) with ordinality as r(row_key, cells, n)`,
          [...reportArgs(job), job.granularity, afterKey, maxRows]);
        return { cells: page.cells === null ? [] : (JSON.parse(page.cells) as Cells[]), lastKey: page.last_key };
      }),
    dispatchCsv: (userId, filters, after, maxRows) =>
      new Promise<DispatchCsvSlice>((resolve, reject) => {
        // The transaction stays open while the rows are read; an error after they started to flow
        // reaches the reader through the stream, one before it rejects here.
        asUser(userId, async (client) => {
          const slice = await owned<{ statement: string; until_date: string | null; until_created: string | null; until_id: string | null }>(client,
            // The key's timestamp as ISO text: a JS Date would drop its microseconds.
            "select statement, until_date, pg_catalog.to_json(until_created) #>> '{}' as until_created, until_id from public.dispatch_csv_slice($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)", [
              filters.region, filters.status, filters.created_from, filters.created_to, filters.cluster_pattern, filters.processor_pattern,
              filters.site_id, filters.date_from, filters.date_to, filters.by_date, after?.date ?? null, after?.created ?? null, after?.id ?? null, maxRows,
            ]);
          const copy = client.query(copyTo(slice.statement));
          const next = slice.until_id === null ? null : { date: slice.until_date!, created: slice.until_created!, id: slice.until_id };
          resolve({ rows: ReadableStream.from(copy as AsyncIterable<Uint8Array>), next });
          await readToTheEnd(copy);
        }).catch(reject);
      }),
  };
}

export interface CellPage {
  cells: Cells[];
  lastKey: string | null;
}

async function* nothing(): AsyncGenerator<Uint8Array> {}

/** Settles when COPY's rows have all been read; rejects when the reader gave up (the stream was destroyed). */
function readToTheEnd(copy: ReturnType<typeof copyTo>): Promise<void> {
  return new Promise((resolve, reject) => {
    copy.once("end", resolve);
    copy.once("error", reject);
    copy.once("close", () => (copy.readableEnded ? resolve() : reject(new Error("The reader stopped before the last row"))));
  });
}

/** A failure whose message is written for the person who asked for the export. */
export class ReportError extends Error {
  override name = "ReportError";
}
