// Export jobs through the Edge Function `exports` (the real Deno runtime of the local stack), for
// 100,000 and 1,000,000 dispatches of one site, against COPY of the same rows in the same run.
// The rows are put in a site of their own with the triggers off (setup, not measured); the
// operator of BENCH-01 is made its operator, so the job reads them as that user, under RLS.
import type { Readable } from "node:stream";
import { to as copyTo } from "pg-copy-streams";
import { appJson, type AppBench } from "./context";
import type { ScenarioResult } from "./report";

interface Finished {
  seconds: number;
  rows: number;
  bytes: number;
  stats: { slices?: number; maxCpuMs?: number; maxRssMb?: number };
}

const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`;

/** Adds dispatches to the export site until it holds `total`, one day per 5,000 rows. */
async function fillTo(bench: AppBench, siteId: string, total: number): Promise<void> {
  const client = await bench.pool.connect();
  try {
    const [{ count }] = (await client.query<{ count: string }>("select count(*) from public.dispatches where site_id = $1", [siteId])).rows as [{ count: string }];
    const missing = total - Number(count);
    if (missing <= 0) return;
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    await client.query(
      `insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number, lh_trip, plate_number, fleet_size, qty_ton, status, remarks)
       select $1, date '2024-01-01' + ((g - 1 + $2) / 5000), 'Cluster ' || (g % 40), 'Processor ' || (g % 12), 'Station', 'NCR', 'D-' || (g % 20),
              'LH-' || (g + $2), 'ABC ' || (g % 9000), '10-wheeler', (g % 50) * 0.5, 'pending',
              case when g % 10 = 0 then 'Late, "rain" at dock' end
       from generate_series(1, $3::integer) g`,
      [siteId, Number(count), missing],
    );
    await client.query("commit");
    await client.query("analyze public.dispatches");
  } finally {
    client.release();
  }
}

async function runJob(bench: AppBench, body: Record<string, unknown>): Promise<Finished> {
  const started = performance.now();
  const { exportJob } = (await appJson(bench, "/api/exports", "operator", { method: "POST", body: JSON.stringify(body) })) as { exportJob: { id: string } };
  for (;;) {
    const { rows } = await bench.pool.query<{ status: string; rows_done: string; file_size: string; stats: Finished["stats"]; error_message: string | null }>(
      "select status, rows_done, file_size, stats, error_message from public.export_jobs where id = $1",
      [exportJob.id],
    );
    const job = rows[0];
    if (job && job.status !== "pending" && job.status !== "processing") {
      if (job.status !== "completed") throw new Error(`export ${exportJob.id} ${job.status}: ${job.error_message}`);
      return { seconds: (performance.now() - started) / 1000, rows: Number(job.rows_done), bytes: Number(job.file_size), stats: job.stats };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function copyRate(bench: AppBench, siteId: string, dateTo: string): Promise<number> {
  const client = await bench.pool.connect();
  let lines = 0;
  const started = performance.now();
  try {
    const stream: Readable = client.query(
      copyTo(`copy (select d.dispatch_date, d.cluster, d.processor, d.station, d.region, d.dock_number, d.lh_trip, d.plate_number, d.fleet_size,
                          m.code, d.qty_ton, d.status, d.remarks
                     from public.dispatches d left join public.materials m on m.id = d.material_id
                    where d.site_id = '${siteId}' and d.dispatch_date <= '${dateTo}'
                    order by d.dispatch_date, d.created_at, d.id) to stdout with (format csv, header)`),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) for (const byte of chunk) if (byte === 10) lines += 1;
  } finally {
    client.release();
  }
  return (lines - 1) / ((performance.now() - started) / 1000);
}

function workerNote(finished: Finished): string {
  return `${finished.stats.slices ?? 1} slice(s); the largest used ${finished.stats.maxCpuMs ?? "?"} ms of CPU; the function's process peaked at ${finished.stats.maxRssMb ?? "?"} MB RSS`;
}

export async function exportWorker(bench: AppBench): Promise<ScenarioResult[]> {
  const { rows } = await bench.pool.query<{ id: string }>(
    "insert into public.sites (code, name, region, timezone) values ('BENCH-EXPORT', 'Bench exports', 'NCR', 'Asia/Manila') returning id",
  );
  const siteId = rows[0]!.id;
  await bench.pool.query("insert into public.site_members (site_id, user_id, role) values ($1, $2, 'operator')", [siteId, bench.operatorId]);
  const results: ScenarioResult[] = [];
  const lastDay = (total: number) => new Date(Date.parse("2024-01-01T00:00:00Z") + Math.floor((total - 1) / 5000) * 86_400_000).toISOString().slice(0, 10);

  for (const total of [100_000, 1_000_000]) {
    await fillTo(bench, siteId, total);
    const dateTo = lastDay(total);
    const reference = await copyRate(bench, siteId, dateTo);
    const csv = await runJob(bench, { siteId, module: "dispatch", format: "csv", granularity: "daily", dateFrom: "2024-01-01", dateTo });
    const csvRate = csv.rows / csv.seconds;
    results.push({
      scenario: `export job, CSV of ${total.toLocaleString("en-US")} dispatches (POST /api/exports → completed, Edge Function on Deno)`,
      deskops: `${rate(csv.rows, csv.seconds)} (${csv.rows.toLocaleString("en-US")} rows, ${(csv.bytes / 2 ** 20).toFixed(0)} MB in ${csv.seconds.toFixed(1)} s)`,
      reference: `COPY TO STDOUT ${rate(1, 1 / reference)}`,
      ratio: `${(csvRate / reference).toFixed(2)}× COPY's rate`,
      target: "≥ 1/3 of COPY, RSS < 150 MB, CPU < 1.5 s per invocation",
      pass: csvRate >= reference / 3 && (csv.stats.maxRssMb ?? Infinity) < 150 && (csv.stats.maxCpuMs ?? Infinity) < 1500 && csv.rows === total,
      note: `${workerNote(csv)}. Rows leave Postgres as CSV text (export_csv_page), 25,000 per query, 100,000 per slice and part; the wall time includes the wake-up, every slice's upload and self-invocation.`,
    });
  }

  for (const [format, count] of [["xlsx", 40_000], ["pdf", 5_000]] as const) {
    const finished = await runJob(bench, { siteId, module: "dispatch", format, granularity: "daily", dateFrom: "2024-01-01", dateTo: lastDay(count) });
    const formatRate = finished.rows / finished.seconds;
    results.push({
      scenario: `export job, ${format.toUpperCase()} of ${finished.rows.toLocaleString("en-US")} dispatches (its row cap)`,
      deskops: `${rate(finished.rows, finished.seconds)} (${(finished.bytes / 2 ** 20).toFixed(1)} MB in ${finished.seconds.toFixed(1)} s)`,
      reference: "—",
      ratio: "—",
      target: format === "xlsx" ? "≥ 30,000 rows/s, RSS < 150 MB, CPU < 1.5 s" : "RSS < 150 MB, CPU < 1.5 s",
      pass: (format === "pdf" || formatRate >= 30_000) && (finished.stats.maxRssMb ?? Infinity) < 150 && (finished.stats.maxCpuMs ?? Infinity) < 1500,
      note: workerNote(finished),
    });
  }
  return results;
}
