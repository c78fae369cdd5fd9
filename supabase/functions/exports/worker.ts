// One invocation of the export worker does one slice of one job and hands the rest on: a CSV or
// XLSX slice is at most SLICE_ROWS rows written as one part; a PDF (capped by
// public.export_row_cap) is made whole. After each slice the job's cursor, parts, hash state and
// progress are saved under its lease, so a cancelled job stops at its next slice and a job whose
// worker died resumes from its last checkpoint (private.claim_export_job) with no row twice.
import process from "node:process";
import { resumeSha256, type ResumableHash } from "./hash.ts";
import { ReportError, type ExportJob, type Queue, type Report } from "./queue.ts";
import type { Cells, ReportFile, ReportHeading } from "./report.ts";
import { CONTENT_TYPES, partPath, type FileStore } from "./storage.ts";
import { columnWidths, endWorkbook, startWorkbook } from "./xlsx.ts";
import { ZipWriter, type Bytes, type ZipState } from "./zip.ts";

type CpuUsage = ReturnType<typeof process.cpuUsage>;

/** Rows per CSV or XLSX slice: one invocation, one COPY, one part. EXPORT_SLICE_ROWS may set it. */
export const SLICE_ROWS = Math.max(1, Number(Deno.env.get("EXPORT_SLICE_ROWS") ?? "") || 100_000);
/** Rows per query for PDF, whose rows are built here from JSON cells. */
const CELL_PAGE_ROWS = 5_000;
/** The first rows of an XLSX, whose longest values set its columns' widths. */
const WIDTH_SAMPLE_ROWS = 200;
/**
 * Bytes of sheet rows deflated at a time. COPY hands over whatever one socket read holds, often a
 * few rows, and each deflated chunk starts with an empty dictionary: a few rows hardly compress.
 */
const DEFLATE_CHUNK_BYTES = 256 * 1024;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

export interface WorkerDeps {
  queue: Queue;
  store: FileStore;
  /** Starts another invocation (the next slice, or the next job) without waiting for it. */
  wake(request: WakeRequest): Promise<void>;
  log(message: string): void;
}

export interface WakeRequest {
  jobId?: string;
  lease?: string;
}

export type SliceOutcome = "idle" | "continued" | "completed" | "failed" | "stopped";

/** Handles one wake-up: goes on with a held job, or claims the next one. */
export async function runOnce(deps: WorkerDeps, request: WakeRequest): Promise<SliceOutcome> {
  const job = request.lease && request.jobId ? await deps.queue.held(request.jobId, request.lease) : await deps.queue.claim(request.jobId);
  if (!job) return "idle";
  if (job.status !== "processing") {
    // Cancelled between two slices: the parts written so far go too.
    await discardIfCancelled(deps, job);
    return job.status === "cancelled" ? "stopped" : "idle";
  }
  const outcome = await runSlice(deps, job);
  // One slice per invocation keeps each inside the runtime's CPU and wall-clock limits.
  if (outcome === "continued") await deps.wake({ jobId: job.id, lease: job.lease ?? undefined });
  else await deps.wake({});
  return outcome;
}

export async function runSlice(deps: WorkerDeps, job: ExportJob): Promise<SliceOutcome> {
  const started = process.cpuUsage();
  try {
    const outcome = job.format === "csv" ? await csvSlice(deps, job, started)
      : job.format === "xlsx" ? await xlsxSlice(deps, job, started)
      : await pdfFile(deps, job, started);
    if (outcome === "stopped") await discardIfCancelled(deps, job);
    return outcome;
  } catch (error) {
    const message = error instanceof ReportError ? error.message : "The export failed on the server; try again. If it fails again, tell your administrator.";
    deps.log(`job ${job.id} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    await deps.queue.fail(job, message);
    return "failed";
  }
}

/** The worker's own measurements, kept on the job: slices so far, and the largest slice's CPU and memory. */
function sliceStats(job: ExportJob, started: CpuUsage, slices: number): Record<string, number> {
  const cpu = process.cpuUsage(started);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const rssMb = Math.round(Deno.memoryUsage().rss / 2 ** 20);
  return { slices, maxCpuMs: Math.max(job.stats.maxCpuMs ?? 0, cpuMs), maxRssMb: Math.max(job.stats.maxRssMb ?? 0, rssMb) };
}

const progressOf = (done: number, total: number) => (total === 0 ? 99 : Math.min(99, Math.floor((done / total) * 100)));
const folderOf = (job: ExportJob) => `${job.user_id}/${job.id}`;

async function csvSlice(deps: WorkerDeps, job: ExportJob, started: CpuUsage): Promise<SliceOutcome> {
  const first = job.parts === 0;
  const report = first ? await deps.queue.describe(job) : null;
  const total = report ? report.rows : job.rows_total ?? 0;
  const hash = await resumeSha256(job.hash_state);
  const part = job.parts + 1;
  let written = 0;
  const upload = async (chunks: AsyncIterable<Uint8Array>) => {
    written += await uploadHashed(deps, partPath(folderOf(job), part, "csv"), chunks, hash);
  };
  const withBom = (chunks: AsyncIterable<Uint8Array>) => (first ? prepend(BOM, chunks) : chunks);

  let rows: number;
  let cursor = job.cursor;
  let finished: boolean;
  if (report && !report.records) {
    // Totals are a few rows: the whole file in one slice.
    const totals = await deps.queue.totalsCsv(job);
    await upload(withBom(chunksOf(new TextEncoder().encode(report.header + totals.csv))));
    rows = totals.rowCount;
    finished = true;
  } else {
    const end = await deps.queue.copySlice(job, cursor, SLICE_ROWS, first, (csv) => upload(withBom(csv)));
    rows = end.rowCount;
    cursor = end.untilKey ?? cursor;
    finished = !end.more;
  }
  if (written === 0) return await finish(deps, job, job.hash_state, job.file_size ?? 0, job.rows_done);
  return await endSlice(deps, job, started, { part, rows, total, written, cursor, finished, hash, writerState: null });
}

interface SliceDone {
  part: number;
  rows: number;
  total: number;
  /** Bytes of the part written. */
  written: number;
  cursor: string | null;
  finished: boolean;
  hash: ResumableHash;
  writerState: ZipState | null;
}

/** Saves a slice's work under the job's lease; completes the job after its last slice. */
async function endSlice(deps: WorkerDeps, job: ExportJob, started: CpuUsage, done: SliceDone): Promise<SliceOutcome> {
  const fileSize = (job.file_size ?? 0) + done.written;
  const rowsDone = job.rows_done + done.rows;
  const saved = await deps.queue.checkpoint(job, {
    cursor: done.cursor, parts: done.part, rows_done: rowsDone, rows_total: done.total, hash_state: done.hash.save(),
    writer_state: done.writerState, file_size: fileSize, file_path: folderOf(job), progress: progressOf(rowsDone, done.total),
    stats: sliceStats(job, started, done.part),
  });
  if (!saved) return "stopped";
  return done.finished ? await finish(deps, job, done.hash.save(), fileSize, rowsDone) : "continued";
}

/**
 * One slice of an XLSX: the first opens the workbook (fixed parts, the sheet's start, the header
 * row), each adds up to SLICE_ROWS rows made in Postgres, the last adds the totals row and closes
 * the archive. The zip's state goes with the checkpoint, so the next slice goes on writing it.
 */
async function xlsxSlice(deps: WorkerDeps, job: ExportJob, started: CpuUsage): Promise<SliceOutcome> {
  const first = job.parts === 0;
  const zip = new ZipWriter(first ? null : job.writer_state);
  const opening: Bytes[] = [];
  let report: Report | null = null;
  if (first) {
    report = refuseOverCap(job, await deps.queue.describe(job));
    // Widths from the first rows, which is what a reader sees first.
    const sample = await deps.queue.rows(job, null, WIDTH_SAMPLE_ROWS);
    opening.push(...startWorkbook(zip, headingOf(job, report.site), report.columns, columnWidths(report.columns, sample.cells), await deps.queue.sheetHeader(job)));
  }
  const total = report ? report.rows : job.rows_total ?? 0;
  const hash = await resumeSha256(job.hash_state);
  const part = job.parts + 1;
  const path = partPath(folderOf(job), part, "xlsx");
  let written = 0;
  let rows: number;
  let cursor = job.cursor;
  let finished: boolean;
  if (report && !report.records) {
    // Totals are a few rows: the whole file in one slice.
    const summary = await deps.queue.sheetSummary(job);
    written = await uploadHashed(deps, path, chunksOf(...opening, zip.write(new TextEncoder().encode(summary.xml)), ...endWorkbook(zip, "")), hash);
    rows = summary.rowCount;
    finished = true;
  } else {
    const end = await deps.queue.sheetSlice(job, cursor, SLICE_ROWS, job.rows_done + 2, async (lines, slice) => {
      async function* deflated() {
        yield* opening;
        for await (const chunk of joined(lines, DEFLATE_CHUNK_BYTES)) yield zip.write(chunk);
        if (slice.totalsRow !== null) yield* endWorkbook(zip, slice.totalsRow);
      }
      written = await uploadHashed(deps, path, deflated(), hash);
    });
    rows = end.rowCount;
    cursor = end.untilKey ?? cursor;
    finished = !end.more;
  }
  return await endSlice(deps, job, started, { part, rows, total, written, cursor, finished, hash, writerState: zip.save() });
}

/**
 * Streams `chunks` to Storage, each hashed and counted on its way: a part is never held whole.
 * Returns the bytes written.
 */
async function uploadHashed(deps: WorkerDeps, path: string, chunks: AsyncIterable<Uint8Array>, hash: ResumableHash): Promise<number> {
  let written = 0;
  let sourceFailure: unknown;
  async function* hashed() {
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        written += chunk.byteLength;
        yield chunk;
      }
    } catch (error) {
      sourceFailure = error;
      throw error;
    }
  }
  const format = path.slice(path.lastIndexOf(".") + 1);
  try {
    await deps.store.upload(path, ReadableStream.from(hashed()), CONTENT_TYPES[format] ?? "application/octet-stream");
  } catch (error) {
    // fetch reports a failed body as its own error: the source's (a cancel, a failed read) explains it.
    throw sourceFailure ?? error;
  }
  return written;
}

/** The chunks of `source` joined into chunks of at least `size` bytes (the last may be shorter). */
async function* joined(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let held: Uint8Array[] = [];
  let length = 0;
  const flush = () => {
    const chunk = new Uint8Array(length);
    held.reduce((offset, part) => (chunk.set(part, offset), offset + part.byteLength), 0);
    held = [];
    length = 0;
    return chunk;
  };
  for await (const part of source) {
    held.push(part);
    length += part.byteLength;
    if (length >= size) yield flush();
  }
  if (length > 0) yield flush();
}

/** Bytes already made, as the stream an upload takes. */
async function* chunksOf(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function* prepend(head: Uint8Array, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield head;
  yield* rest;
}

/** Completes the job with the hash of every part written. */
async function finish(deps: WorkerDeps, job: ExportJob, hashState: string | null, fileSize: number, rows: number): Promise<SliceOutcome> {
  const hash = await resumeSha256(hashState);
  return (await deps.queue.complete(job, hash.hex(), fileSize, rows)) ? "completed" : "stopped";
}

/**
 * The report's typed cells, page by page. The next page is read while the writer formats this
 * one, so Postgres and the writer work at the same time.
 */
async function* cellPages(deps: WorkerDeps, job: ExportJob, total: number): AsyncGenerator<Cells[]> {
  const read = async (afterKey: string | null) => await deps.queue.rows(job, afterKey, CELL_PAGE_ROWS);
  let page = await read(null);
  let done = 0;
  while (page.cells.length > 0) {
    const last = page.lastKey;
    // Without its cursor the next read would start over: stop rather than write rows twice.
    if (last === null) throw new Error("public.export_rows gave a page without its last row's key");
    const next = page.cells.length < CELL_PAGE_ROWS ? Promise.resolve({ cells: [], lastKey: null }) : read(last);
    // A failed read ahead surfaces when it is awaited, not as an unhandled rejection meanwhile.
    next.catch(() => undefined);
    yield page.cells;
    done += page.cells.length;
    // Progress as the rows are written; a cancel is seen here too.
    const saved = await deps.queue.checkpoint(job, {
      cursor: null, parts: 0, rows_done: done, rows_total: total, hash_state: null, file_size: 0,
      file_path: folderOf(job), progress: progressOf(done, total),
    });
    if (!saved) throw new Stopped();
    page = await next;
  }
}

class Stopped extends Error {}

const MODULE_TITLES: Record<string, string> = {
  dispatch: "Dispatch", production: "Production", received: "Received materials",
  equipment: "Equipment", manpower: "Manpower", inventory: "Inventory",
};

function headingOf(job: ExportJob, site: string): ReportHeading {
  const by = job.granularity === "daily" ? (job.module === "inventory" ? "by day" : "every entry") : `totals by ${job.granularity === "weekly" ? "week (Monday)" : "month"}`;
  return { title: MODULE_TITLES[job.module] ?? job.module, site, range: `${job.date_from} to ${job.date_to}, ${by}` };
}

/** The report, unless it grew past its format's cap after it was asked for. */
function refuseOverCap(job: ExportJob, report: Report): Report {
  if (report.cap !== null && report.rows > report.cap) {
    throw new ReportError(`A ${job.format.toUpperCase()} export holds at most ${report.cap.toLocaleString("en-US")} rows and this one has ${report.rows.toLocaleString("en-US")}; choose CSV or a shorter range.`);
  }
  return report;
}

/** A PDF, made whole in one invocation (public.export_row_cap keeps it inside one). */
async function pdfFile(deps: WorkerDeps, job: ExportJob, started: CpuUsage): Promise<SliceOutcome> {
  const report = refuseOverCap(job, await deps.queue.describe(job));
  const heading = headingOf(job, report.site);
  const pages = cellPages(deps, job, report.rows);
  const hash = await resumeSha256(null);
  let file: ReportFile;
  let size: number;
  try {
    // Loaded when needed: a CSV or XLSX invocation never holds the PDF writer.
    file = (await import("./pdf.ts")).pdfFile(report.columns, heading, pages);
    size = await uploadHashed(deps, partPath(folderOf(job), 1, job.format), file.chunks, hash);
  } catch (error) {
    if (error instanceof Stopped) return "stopped";
    throw error;
  }
  const saved = await deps.queue.checkpoint(job, {
    cursor: null, parts: 1, rows_done: file.count.rows, rows_total: report.rows, hash_state: null, file_size: size,
    file_path: folderOf(job), progress: 99, stats: sliceStats(job, started, 1),
  });
  if (!saved) return "stopped";
  return (await deps.queue.complete(job, hash.hex(), size, file.count.rows)) ? "completed" : "stopped";
}

/** A cancelled job leaves nothing behind in Storage. */
async function discardIfCancelled(deps: WorkerDeps, job: ExportJob): Promise<void> {
  if ((await deps.queue.status(job.id)) !== "cancelled") return;
  const written = Math.max(job.parts + 1, 1);
  await deps.store.remove(Array.from({ length: written }, (_, index) => partPath(folderOf(job), index + 1, job.format)));
}

/** The scheduled pass: files past their 24 hours are deleted from Storage. */
export async function removeExpiredFiles(deps: WorkerDeps): Promise<number> {
  const expired = await deps.queue.expiredFiles();
  const paths = expired.flatMap((file) => (file.file_path ? Array.from({ length: file.parts }, (_, index) => partPath(file.file_path!, index + 1, file.format)) : []));
  await deps.store.remove(paths);
  return paths.length;
}
