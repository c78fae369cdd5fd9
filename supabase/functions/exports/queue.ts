// The queue in Postgres (supabase/migrations/*_export_worker.sql), reached directly with
// SUPABASE_DB_URL: the claim takes a row lock (FOR UPDATE SKIP LOCKED), and the report's rows are
// read as the job's owner, so RLS decides what the file may hold.
import postgres, { type TransactionSql } from "npm:postgres@3.4.9";
import type { Cells, ReportColumn } from "./report.ts";

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
  file_size: number;
  file_path: string;
  progress: number;
  stats?: Record<string, number>;
}

export interface SliceEnd {
  rowCount: number;
  /** The key of the slice's last row; null when no row is left. */
  untilKey: string | null;
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
  /** The job if `lease` still holds it. */
  held(jobId: string, lease: string): Promise<ExportJob | null>;
  status(jobId: string): Promise<string | null>;
  checkpoint(job: ExportJob, changes: Checkpoint): Promise<boolean>;
  complete(job: ExportJob, fileHash: string, fileSize: number, records: number): Promise<boolean>;
  fail(job: ExportJob, message: string): Promise<boolean>;
  expiredFiles(): Promise<Array<{ file_path: string | null; parts: number; format: string }>>;
  /** The report's header, site and row count, read as the job's owner. */
  describe(job: ExportJob): Promise<Report>;
  sliceEnd(job: ExportJob, afterKey: string | null, maxRows: number): Promise<SliceEnd>;
  /** The records after `afterKey` up to `untilKey` as CSV, straight from COPY ... TO STDOUT. */
  copySlice(job: ExportJob, afterKey: string | null, untilKey: string, withHeader: boolean): Promise<Uint8Array[]>;
  totalsCsv(job: ExportJob): Promise<{ csv: string; rowCount: number }>;
  rows(job: ExportJob, afterKey: string | null, maxRows: number): Promise<Array<{ row_key: string; cells: Cells }>>;
}

type Transaction = TransactionSql<{ date: string; bigint: number }>;

export function postgresQueue(databaseUrl: string): Queue {
  // Dates stay text (YYYY-MM-DD): a report's day is a calendar day, not an instant. Counts and
  // sizes (bigint) are numbers: a file is far below 2^53 bytes.
  const sql = postgres(databaseUrl, {
    max: 3,
    idle_timeout: 20,
    connect_timeout: 10,
    types: {
      date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value },
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
    },
    connection: { application_name: "deskops-exports" },
  });

  /** Runs `work` in a transaction as the signed-in owner: the role and claims PostgREST would set. */
  function asOwner<T>(job: ExportJob, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const claims = JSON.stringify({ sub: job.user_id, role: "authenticated" });
    return sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
      return await work(tx);
    }) as Promise<T>;
  }

  const one = (rows: ExportJob[]) => rows[0] ?? null;

  return {
    claim: async (jobId) => one(await sql<ExportJob[]>`select * from private.claim_export_job(${jobId ?? null})`),
    held: async (jobId, lease) => one(await sql<ExportJob[]>`select * from public.export_jobs where id = ${jobId} and lease = ${lease} and status = 'processing'`),
    status: async (jobId) => (await sql<{ status: string }[]>`select status from public.export_jobs where id = ${jobId}`)[0]?.status ?? null,
    checkpoint: async (job, changes) =>
      (await sql<{ saved: boolean }[]>`select private.checkpoint_export_job(${job.id}, ${job.lease}, ${sql.json(changes as unknown as postgres.JSONValue)}) as saved`)[0].saved,
    complete: async (job, fileHash, fileSize, records) =>
      (await sql<{ done: boolean }[]>`select private.complete_export_job(${job.id}, ${job.lease}, ${fileHash}, ${fileSize}, ${records}) as done`)[0].done,
    fail: async (job, message) => (await sql<{ done: boolean }[]>`select private.fail_export_job(${job.id}, ${job.lease}, ${message}) as done`)[0].done,
    expiredFiles: () => sql<Array<{ file_path: string | null; parts: number; format: string }>>`
      select e.file_path, e.parts, j.format from private.expired_export_files() e join public.export_jobs j on j.id = e.job_id`,
    describe: async (job) => {
      const [{ records }] = await sql<{ records: boolean }[]>`select private.is_record_report(${job.module}, ${job.granularity}) as records`;
      return asOwner(job, async (tx) => {
        const [row] = await tx<{ columns: ReportColumn[]; header: string; site: string | null; rows: string; cap: number | null }[]>`
          select public.export_columns(${job.module}, ${job.granularity}) as columns,
                 public.export_csv_header(${job.module}, ${job.granularity}) as header,
                 (select s.code || ' ' || s.name from public.sites s where s.id = ${job.site_id}) as site,
                 public.export_row_count(${job.module}, ${job.site_id}, ${job.date_from}, ${job.date_to}, ${job.granularity}) as rows,
                 public.export_row_cap(${job.format}) as cap`;
        // RLS hides a site its owner can no longer read: nothing of it may be exported.
        if (!row.site) throw new ReportError("You can no longer see this site, so its report cannot be made.");
        return { columns: row.columns, header: row.header, site: row.site, rows: Number(row.rows), cap: row.cap, records };
      });
    },
    sliceEnd: (job, afterKey, maxRows) =>
      asOwner(job, async (tx) => {
        const [end] = await tx<{ row_count: number; until_key: string | null }[]>`
          select row_count, until_key from public.export_slice_end(${job.module}, ${job.site_id}, ${job.date_from}, ${job.date_to}, ${afterKey}, ${maxRows})`;
        return { rowCount: end.row_count, untilKey: end.until_key };
      }),
    copySlice: (job, afterKey, untilKey, withHeader) =>
      asOwner(job, async (tx) => {
        const [{ statement }] = await tx<{ statement: string }[]>`
          select public.export_copy_sql(${job.module}, ${job.site_id}, ${job.date_from}, ${job.date_to}, ${afterKey}, ${untilKey}, ${withHeader}) as statement`;
        // The statement is made by the database from typed values, each quoted as a literal.
        const chunks: Uint8Array[] = [];
        for await (const chunk of await tx.unsafe(statement).readable()) chunks.push(chunk as Uint8Array);
        return chunks;
      }),
    totalsCsv: (job) =>
      asOwner(job, async (tx) => {
        const [page] = await tx<{ csv: string; row_count: number }[]>`
          select csv, row_count from public.export_totals_csv(${job.module}, ${job.site_id}, ${job.date_from}, ${job.date_to}, ${job.granularity})`;
        return { csv: page.csv, rowCount: page.row_count };
      }),
    rows: (job, afterKey, maxRows) =>
      asOwner(job, (tx) => tx<Array<{ row_key: string; cells: Cells }>>`
        select row_key, cells from public.export_rows(${job.module}, ${job.site_id}, ${job.date_from}, ${job.date_to}, ${job.granularity}, ${afterKey}, ${maxRows})`),
  };
}

/** A failure whose message is written for the person who asked for the export. */
export class ReportError extends Error {
  override name = "ReportError";
}
