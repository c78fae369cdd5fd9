// `npm run bench [-- --scale 0.1] [--long] [--only <names>] [--keep]`: starts a private local
// stack on a throw-away database, generates 20 sites × 365 days of data (1,000,000 dispatches at
// scale 1), measures each scenario next to a reference taken in the same run, and writes
// bench/results.json and bench/RESULTS.md. --long runs the mixed load for 5 minutes, not 30 s.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { consoleLogger, quietLogger } from "@/local/log";
import { freePort } from "@/local/net";
import { stopOnSignals } from "@/local/run";
import { startStack, type RunningStack } from "@/local/stack";
import { startNext } from "@/local/next";
import { apiBulkInsert, apiDispatchList, apiLoad, bulkInsert, csvExport, failingBatch, mixedLoad, postgrestKilled } from "./api";
import { LONG_LOAD_SECONDS, type LoadClient } from "./load";
import { appJson, check, log, sessionCookie, type AppBench, type Bench } from "./context";
import { gridEntry } from "./grid";
import { exportWorker } from "./exports";
import { sheetsSync } from "./sheets";
import { dashboardFirstLoad, feedLatency, lighthouseScores } from "./pages";
import { measurePair, summarize } from "./measure";
import { ms, writeReport, type ScenarioResult } from "./report";

const projectDir = path.resolve(import.meta.dirname, "..");
const BENCH_PASSWORD = "bench-password";
const FULL_DISPATCHES = 1_000_000;
const ADMIN_EMAIL = "bench-admin@bench.local";
const operatorEmail = (site: number) => `bench-op-${site}@bench.local`;

function parseScale(argv: string[]): number {
  const index = argv.indexOf("--scale");
  if (index === -1) return 1;
  const scale = Number(argv[index + 1]);
  if (!(scale > 0 && scale <= 1)) throw new Error("--scale takes a number in (0, 1]");
  return scale;
}

/**
 * --only <word>[,<word>…]: run only the scenarios whose function name contains one of the words
 * (for looking into a few figures; the report files are left alone). The data is generated all the same.
 */
function parseOnly(argv: string[]): string[] | null {
  const index = argv.indexOf("--only");
  if (index === -1) return null;
  const words = argv[index + 1];
  if (!words || words.startsWith("--")) throw new Error("--only takes part of a scenario's name, e.g. --only apiDispatchList,feedLatency");
  return words.toLowerCase().split(",");
}

async function signedIn(stack: RunningStack, email: string): Promise<SupabaseClient> {
  const client = createClient(stack.apiUrl, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: serverRealtime,
  });
  const { error } = await client.auth.signInWithPassword({ email, password: BENCH_PASSWORD });
  if (error) throw error;
  return client;
}

/** A year of data for the 20 sites: 1,000,000 dispatches at scale 1, and the other logs in proportion. */
async function generateData(bench: Bench, scale: number): Promise<void> {
  const client = await bench.pool.connect();
  try {
    await client.query("create temporary table bench_users as select m.user_id, (row_number() over (order by s.code) - 1)::int as site_index from public.site_members m join public.sites s on s.id = m.site_id where s.code like 'BENCH-%' and m.role = 'operator'");
    await client.query("select set_config('bench.dispatches', $1, false), set_config('bench.per_day', $2, false)", [
      String(Math.round(FULL_DISPATCHES * scale)),
      String(Math.max(1, Math.round(10 * scale))),
    ]);
    await client.query(await readFile(path.join(projectDir, "bench", "sql", "generate.sql"), "utf8"));
    // A million fresh rows would wake autovacuum in the middle of the measurements (it did, and
    // the timings of that run were a third to a half slower): the tables are vacuumed and
    // analysed now, as a database in service would have been.
    await client.query("vacuum (analyze)");
  } finally {
    client.release();
  }
}

/** Sites, people and memberships; the bulk data comes later (generateData). */
async function prepare(stack: RunningStack, pool: pg.Pool): Promise<Bench> {
  const service = createClient(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false }, realtime: serverRealtime });
  const users: Array<{ id: string; email: string }> = [];
  for (let i = 0; i <= 20; i += 1) {
    const email = i === 0 ? ADMIN_EMAIL : operatorEmail(i);
    const { data, error } = await service.auth.admin.createUser({ email, password: BENCH_PASSWORD, email_confirm: true });
    if (error) throw error;
    users.push({ id: data.user.id, email });
  }
  const client = await pool.connect();
  try {
    await client.query("update public.profiles set is_admin = true where id = $1", [users[0]!.id]);
    await client.query(
      `insert into public.sites (code, name, region, timezone)
       select format('BENCH-%s', lpad(i::text, 2, '0')), format('Bench site %s', i), 'NCR',
              (array['Asia/Manila', 'Asia/Jakarta', 'UTC', 'America/New_York'])[1 + i % 4]
       from generate_series(1, 20) as i`,
    );
    for (let i = 1; i <= 20; i += 1) {
      await client.query(
        "insert into public.site_members (site_id, user_id, role) select id, $1, 'operator' from public.sites where code = $2",
        [users[i]!.id, `BENCH-${String(i).padStart(2, "0")}`],
      );
    }
    // The bench measures speed, not the per-user allowance of writes (120, then 5/s): its users
    // write as an integration would, with an allowance no scenario reaches.
    await client.query(
      "insert into private.write_allowance_overrides (user_id, burst, per_second) select unnest($1::uuid[]), 1000000, 1000000",
      [users.map((user) => user.id)],
    );
    const site = await client.query<{ id: string }>("select id from public.sites where code = 'BENCH-01'");
    return {
      stack,
      pool,
      admin: await signedIn(stack, users[0]!.email),
      operator: await signedIn(stack, users[1]!.email),
      operatorId: users[1]!.id,
      siteId: site.rows[0]!.id,
    };
  } finally {
    client.release();
  }
}

const listColumns = "*, creator:profiles(ops_id, first_name, last_name)";

/** One site's recent dispatches by status, as an operator's list opens. */
async function siteDispatchList(bench: Bench): Promise<ScenarioResult> {
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const viaPostgrest = () =>
    check(
      bench.operator
        .from("dispatches")
        .select(listColumns)
        .eq("site_id", bench.siteId)
        .gte("dispatch_date", since)
        .eq("status", "completed")
        .order("dispatch_date", { ascending: false })
        .order("created_at", { ascending: false })
        .order("id", { ascending: false })
        .range(50, 99),
    );
  const viaSql = () =>
    bench.pool.query(
      `select d.*, p.ops_id, p.first_name, p.last_name from public.dispatches d left join public.profiles p on p.id = d.created_by
        where d.site_id = $1 and d.dispatch_date >= $2 and d.status = 'completed'
        order by d.dispatch_date desc, d.created_at desc, d.id desc offset 50 limit 50`,
      [bench.siteId, since],
    );
  const [rest, sql] = await measurePair(viaPostgrest, viaSql);
  return {
    scenario: "dispatch list: one site, 30 days, by status, page 2, seed 001's order (PostgREST, operator)",
    deskops: `p95 ${ms(rest.p95)}`,
    reference: `plain SQL p95 ${ms(sql.p95)}`,
    ratio: `${(rest.p95 / sql.p95).toFixed(2)}×`,
    target: "p95 < 50 ms",
    pass: rest.p95 < 50,
  };
}

/** Seed 000's search: all sites, cluster contains a word, newest first. */
async function searchDispatchList(bench: Bench): Promise<ScenarioResult> {
  const viaPostgrest = () =>
    check(
      bench.admin
        .from("dispatches")
        .select(listColumns)
        .eq("status", "completed")
        .ilike("cluster", "%pasig%")
        .order("created_at", { ascending: false })
        .order("id", { ascending: false })
        .limit(50),
    );
  const viaSql = () =>
    bench.pool.query(
      `select d.*, p.ops_id, p.first_name, p.last_name from public.dispatches d left join public.profiles p on p.id = d.created_by
        where d.status = 'completed' and d.cluster ilike '%pasig%' order by d.created_at desc, d.id desc limit 50`,
    );
  const [rest, sql] = await measurePair(viaPostgrest, viaSql);
  return {
    scenario: "dispatch list: all sites, cluster contains a word (PostgREST, admin)",
    deskops: `p95 ${ms(rest.p95)}`,
    reference: `plain SQL p95 ${ms(sql.p95)}`,
    ratio: `${(rest.p95 / sql.p95).toFixed(2)}×`,
    target: "p95 < 50 ms",
    pass: rest.p95 < 50,
    note:
      "Passes here, but fragile: under RLS Postgres will not use column statistics for ILIKE (it is not leakproof) " +
      "and guesses a 0.5 % match rate, so the plan depends on luck (at 100,000 rows it read every visible row: p95 90 ms). " +
      "Fix in the API: resolve the word against the clusters / processors lookups (trigram index) and filter dispatches " +
      "with cluster in (the names), an equality the planner can estimate.",
  };
}

async function kpis(bench: AppBench): Promise<ScenarioResult> {
  // Seed 000's way: seven count queries, in parallel, through PostgREST.
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const monthStart = new Date(today.getFullYear(), today.getMonth(), 1);
  const lastMonthStart = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const count = () => bench.admin.from("dispatches").select("id", { count: "exact", head: true });
  const sevenQueries = () =>
    Promise.all([
      check(count()),
      check(count().gte("created_at", today.toISOString())),
      check(count().gte("created_at", monthStart.toISOString())),
      check(count().gte("created_at", lastMonthStart.toISOString()).lt("created_at", monthStart.toISOString())),
      check(count().eq("status", "pending")),
      check(count().eq("status", "completed").gte("updated_at", today.toISOString())),
      check(bench.admin.from("dispatches").select("created_by").gte("created_at", new Date(Date.now() - 86_400_000).toISOString())),
    ]);
  const [deskops, reference] = await measurePair(() => appJson(bench, "/api/kpi/dashboard", "admin"), sevenQueries);
  const speedup = reference.p95 / deskops.p95;
  return {
    scenario: "seed 000's KPI card: GET /api/kpi/dashboard (dashboard_kpis; admin, all sites)",
    deskops: `p50 ${ms(deskops.p50)} / p95 ${ms(deskops.p95)}`,
    reference: `7 count queries p95 ${ms(reference.p95)}`,
    ratio: `${speedup.toFixed(1)}× faster`,
    target: "≥ 3× faster, p95 < 50 ms",
    pass: speedup >= 3 && deskops.p95 < 50,
  };
}

async function siteMetrics(bench: AppBench): Promise<ScenarioResult> {
  const eightQueries = () =>
    Promise.all(
      [
        ["production", "date", "qty_ton", 0],
        ["production", "date", "qty_ton", 1],
        ["dispatches", "dispatch_date", "qty_ton", 0],
        ["dispatches", "dispatch_date", "qty_ton", 1],
        ["received_materials", "date", "qty_ton", 0],
        ["received_materials", "date", "qty_ton", 1],
      ]
        .map(([table, column, sum, back]) =>
          bench.pool.query(`select sum(${sum}) from public.${table} where site_id = $1 and ${column} = current_date - ${back}`, [bench.siteId]),
        )
        .concat([
          bench.pool.query("select sum(closing_ton) from public.inventory_ledger where site_id = $1 and day <= current_date", [bench.siteId]),
          bench.pool.query("select sum(closing_ton) from public.inventory_ledger where site_id = $1 and day = current_date - 1", [bench.siteId]),
        ]),
    );
  const [deskops, reference] = await measurePair(() => appJson(bench, `/api/dashboard/metrics?siteId=${bench.siteId}`, "operator"), eightQueries);
  const speedup = reference.p95 / deskops.p95;
  return {
    scenario: "seed 001's site metrics: GET /api/dashboard/metrics (site_metrics; one site)",
    deskops: `p50 ${ms(deskops.p50)} / p95 ${ms(deskops.p95)}`,
    reference: `8 aggregate queries p95 ${ms(reference.p95)}`,
    ratio: `${speedup.toFixed(1)}× faster`,
    target: "≥ 2× faster, p95 < 50 ms",
    pass: speedup >= 2 && deskops.p95 < 50,
    note: "p95 is under 50 ms; the 2× ratio is missed because the reference is no longer slow: its two inventory queries read the same ledger view (seed 001 read snapshot rows typed by hand, which DeskOps does not have), which now reads trigger-kept daily totals, and its eight queries run in parallel on eight connections. Seed 001's own inventory query summed every snapshot ever taken, a different (wrong) figure.",
  };
}

async function inventoryLedger(bench: AppBench): Promise<ScenarioResult> {
  const since = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const viaView = () =>
    appJson(bench, `/api/inventory?siteId=${bench.siteId}&dateFrom=${since}&limit=1000`, "operator");
  const rawSum = () =>
    bench.pool.query(
      `select material_id, day, sum(q) from (
         select material_id, date as day, qty_ton as q from public.production where site_id = $1 and date >= $2
         union all select material_id, date, qty_ton from public.received_materials where site_id = $1 and date >= $2
         union all select material_id, dispatch_date, -qty_ton from public.dispatches where site_id = $1 and dispatch_date >= $2 and material_id is not null
       ) m group by 1, 2`,
      [bench.siteId, since],
    );
  const [view, raw] = await measurePair(viaView, rawSum);
  return {
    scenario: "inventory ledger, one site, 90 days: GET /api/inventory (inventory_ledger)",
    deskops: `p95 ${ms(view.p95)}`,
    reference: `plain SQL sum p95 ${ms(raw.p95)}`,
    ratio: `${(view.p95 / raw.p95).toFixed(2)}×`,
    target: "p95 < 100 ms",
    pass: view.p95 < 100,
    note: "The ledger runs every balance from the site's first movement (a year here) over trigger-kept daily totals; a plain sum over 90 days of raw logs carries no balances.",
  };
}

/** How a live view hears of a new dispatch: a postgres_changes subscription, or the site's private broadcast channel. */
type RealtimeMode = "postgres_changes" | "broadcast";

/**
 * Signed-in viewers of the benchmark's first site, each with a realtime subscription of its own;
 * `onRow` gets the id of each new dispatch they hear of.
 */
async function realtimeSubscribers(bench: Bench, count: number, mode: RealtimeMode, onRow: (rowId: string) => void) {
  const service = createClient(bench.stack.apiUrl, bench.stack.serviceRoleKey, { auth: { persistSession: false }, realtime: serverRealtime });
  const clients: SupabaseClient[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `bench-rt-${mode}-${count}-${i}-${randomUUID().slice(0, 6)}@bench.local`;
    const { data, error } = await service.auth.admin.createUser({ email, password: BENCH_PASSWORD, email_confirm: true });
    if (error) throw error;
    await bench.pool.query("insert into public.site_members (site_id, user_id, role) values ($1, $2, 'viewer')", [bench.siteId, data.user.id]);
    const client = await signedIn(bench.stack, email);
    const channel =
      mode === "postgres_changes"
        ? client
            .channel(`bench-${count}-${i}`)
            .on("postgres_changes", { event: "INSERT", schema: "public", table: "dispatches", filter: `site_id=eq.${bench.siteId}` }, (payload) =>
              onRow(String((payload.new as { id?: string }).id)),
            )
        : client.channel(`site:${bench.siteId}`, { config: { private: true } }).on("broadcast", { event: "activity" }, ({ payload }) => {
            for (const entry of (payload as { entries?: Array<{ row_id: string }> }).entries ?? []) onRow(entry.row_id);
          });
    await new Promise<void>((resolve, reject) => {
      channel.subscribe((status, err) => (status === "SUBSCRIBED" ? resolve() : status !== "CLOSED" && err ? reject(err) : undefined));
    });
    clients.push(client);
  }
  return clients;
}

/**
 * Waits until the realtime server has read the WAL up to now: the data generation wrote millions
 * of changes, and latency is measured on a feed that has caught up, not on the backlog.
 */
async function realtimeCaughtUp(bench: Bench): Promise<ScenarioResult> {
  const started = performance.now();
  const [{ backlog }] = (await bench.pool.query<{ backlog: string }>(
    "select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint::text as backlog from pg_replication_slots where slot_name = 'deskops_realtime'",
  )).rows as [{ backlog: string }];
  const target = (await bench.pool.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn")).rows[0]!.lsn;
  for (;;) {
    const { rows } = await bench.pool.query<{ done: boolean }>(
      "select confirmed_flush_lsn >= $1::pg_lsn as done from pg_replication_slots where slot_name = 'deskops_realtime'",
      [target],
    );
    if (rows[0]?.done) break;
    if (performance.now() - started > 20 * 60_000) throw new Error("realtime did not catch up with the WAL in 20 minutes");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const seconds = (performance.now() - started) / 1000;
  // The slot can confirm a little past the last record (a keepalive): never a negative backlog.
  const megabytes = Math.max(0, Number(backlog)) / 2 ** 20;
  return {
    scenario: "realtime: replaying the data generation's WAL backlog",
    deskops: `${megabytes.toFixed(0)} MB of WAL left after the data generation, read in ${seconds.toFixed(0)} s more`,
    reference: "—",
    ratio: "—",
    target: "—",
    pass: null,
    note: "Waited for before anything else is measured, so no timing includes the replay; a bulk load of millions of rows delays live events by about this much.",
  };
}

async function realtimeLatency(bench: Bench, subscribers: number, target: number, mode: RealtimeMode = "postgres_changes"): Promise<ScenarioResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const clients = await realtimeSubscribers(bench, subscribers, mode, (rowId) => {
    const started = sentAt.get(rowId);
    if (started !== undefined) latencies.push(performance.now() - started);
  });
  const events = 20;
  for (let i = 0; i < events; i += 1) {
    const id = randomUUID();
    sentAt.set(id, performance.now());
    await bench.pool.query(
      `insert into public.dispatches (id, site_id, cluster, processor, station, region, dock_number, remarks)
       values ($1, $2, 'Pasig Cluster A', 'Pasig Processing Center', 'Bench Station', 'NCR', 'D-1', $3)`,
      [id, bench.siteId, `rt-${mode}-${subscribers}-${i}`],
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await Promise.all(clients.map((client) => client.removeAllChannels()));
  const expected = events * subscribers;
  const timing = summarize(latencies);
  const lost = expected - latencies.length;
  const how = mode === "postgres_changes" ? "postgres_changes, RLS checked per subscriber" : "broadcast from the database on the site's private channel";
  return {
    scenario: `realtime insert → event, ${subscribers} subscriber${subscribers === 1 ? "" : "s"} (each its own user; ${how})`,
    deskops: `p50 ${ms(timing.p50)} / p95 ${ms(timing.p95)}${lost > 0 ? `, ${lost} of ${expected} lost` : ""}`,
    reference: subscribers === 500 ? "Supabase: p95 228 ms (500 clients, RLS, 30 changes/s)" : "—",
    ratio: "—",
    target: `p95 < ${target} ms, none lost`,
    pass: timing.p95 < target && lost === 0,
  };
}

/**
 * A 100 MB upload streamed through Storage. The stack runs in this process, so the upload is sent
 * by curl from another one: this process's RSS is then the server's alone.
 */
async function storageUpload(bench: Bench): Promise<ScenarioResult> {
  const size = 100 * 1024 * 1024;
  const file = path.join(os.tmpdir(), `deskops-bench-upload-${process.pid}.bin`);
  const chunk = Buffer.alloc(1024 * 1024, 7);
  await pipeline(Readable.from((function* () { for (let i = 0; i < size / chunk.length; i += 1) yield chunk; })()), createWriteStream(file));
  const storage = createClient(bench.stack.apiUrl, bench.stack.serviceRoleKey, { auth: { persistSession: false }, realtime: serverRealtime }).storage;
  await storage.createBucket("bench-files", { public: false });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const status = await new Promise<string>((resolve, reject) => {
    execFile(
      "curl",
      ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "--data-binary", `@${file}`,
       "-H", `authorization: Bearer ${bench.stack.serviceRoleKey}`, "-H", "content-type: application/octet-stream",
       `${bench.stack.apiUrl}/storage/v1/object/bench-files/big.bin`],
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await rm(file, { force: true });
  const growthMb = (peak - baseline) / 2 ** 20;
  return {
    scenario: "Storage upload of 100 MB (streamed to disk), sent by curl",
    deskops: `HTTP ${status}, ${(100 / seconds).toFixed(0)} MB/s, stack process RSS +${growthMb.toFixed(0)} MB`,
    reference: "—",
    ratio: "—",
    target: "HTTP 200, RSS growth < 50 MB",
    pass: status === "200" && growthMb < 50,
  };
}

/** --long: the mixed load runs 5 minutes (issue 16's long version) instead of 30 s. */
const loadSeconds = (argv: string[]) => (argv.includes("--long") ? LONG_LOAD_SECONDS : 30);

/** Each operator signed in, with its own site: the mixed load's clients. */
async function loadClients(bench: Bench): Promise<LoadClient[]> {
  const { rows } = await bench.pool.query<{ id: string; code: string }>("select id, code from public.sites where code like 'BENCH-%' order by code");
  return Promise.all(rows.map(async (site, index) => ({ cookie: await sessionCookie(bench.stack, operatorEmail(index + 1), BENCH_PASSWORD), siteId: site.id })));
}

/** `next build` + `next start` against the bench's stack, and the cookies of its two users. */
async function startApp(bench: Bench): Promise<AppBench["app"] & { stop(): Promise<void> }> {
  const server = await startNext(bench.stack, { projectDir, mode: "production", distDir: ".next-bench", log: quietLogger() });
  const [admin, operator] = await Promise.all([
    sessionCookie(bench.stack, ADMIN_EMAIL, BENCH_PASSWORD),
    sessionCookie(bench.stack, operatorEmail(1), BENCH_PASSWORD),
  ]);
  return { url: server.url, pid: server.pid, cookies: { admin, operator }, stop: server.stop };
}

async function main(): Promise<void> {
  const scale = parseScale(process.argv.slice(2));
  // --keep: leave the stack and its data running afterwards, to look into a result (Ctrl-C ends it).
  const keep = process.argv.includes("--keep");
  const only = parseOnly(process.argv.slice(2));
  const selected = (name: string) => only === null || only.some((word) => name.toLowerCase().includes(word));
  const tempDir = await mkdtemp(path.join(os.tmpdir(), "deskops-bench-"));
  await chmod(tempDir, 0o755);
  const startedAt = new Date().toISOString();
  log(`starting a private stack (scale ${scale})`);
  const stack = await startStack({
    projectDir,
    apiPort: await freePort(),
    dbPort: await freePort(),
    dataDir: path.join(tempDir, "db"),
    reset: true,
    unsafeFastDatabase: false,
    watchFunctions: false,
    // Room for the 100 MB upload scenario (Supabase's default limit is 50 MB).
    storageFileSizeLimit: 200 * 1024 * 1024,
    // Hermetic: not the developer's supabase/functions/.env. With no web app configured the
    // stack's google-sheets function leaves the outbox to the sheets scenario's own drainer.
    functionSecrets: {},
    log: consoleLogger({ verbose: false }),
  });
  const pool = new pg.Pool({ connectionString: stack.dbUrl, max: 10 });
  let stopApp = async () => {};
  // Ctrl-C (or a CI timeout) must not leave the private Postgres or the app running.
  stopOnSignals(async () => {
    await stopApp();
    await pool.end().catch(() => {});
    await stack.stop();
    await rm(tempDir, { recursive: true, force: true });
  });
  try {
    const bench = await prepare(stack, pool);
    // Realtime first, on a quiet database: after a million-row load the feed must replay the
    // whole WAL before live events flow (measured below, after the load).
    const results: ScenarioResult[] = [];
    const record = (result: ScenarioResult) => {
      log(`${result.scenario}: ${result.deskops} vs ${result.reference} (${result.ratio}) ${result.pass === null ? "" : result.pass ? "pass" : "MISSED"}`);
      results.push(result);
    };
    for (const mode of ["postgres_changes", "broadcast"] as const) {
      for (const [subscribers, target] of [[1, 100], [50, 100], [500, 228]] as const) {
        if (selected(realtimeLatency.name)) record(await realtimeLatency(bench, subscribers, target, mode));
      }
    }

    // The app's production build is made while the data is generated (neither is measured).
    const setupStarted = performance.now();
    const [app] = await Promise.all([startApp(bench), generateData(bench, scale)]);
    stopApp = app.stop;
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    log(`generated ${Math.round(FULL_DISPATCHES * scale).toLocaleString("en-US")} dispatches and built the app in ${setupSeconds.toFixed(0)} s`);
    const appBench: AppBench = { ...bench, app };

    const scenarios = [
      // First: the realtime server replays the generated WAL in this process; until it has,
      // every other timing here would include its work.
      realtimeCaughtUp,
      siteDispatchList,
      apiDispatchList,
      searchDispatchList,
      kpis,
      siteMetrics,
      inventoryLedger,
      apiBulkInsert,
      bulkInsert,
      failingBatch,
      csvExport,
      storageUpload,
    ];
    // The WAL replay always runs: every later timing depends on it being done.
    for (const scenario of scenarios) if (scenario === realtimeCaughtUp || selected(scenario.name)) record(await scenario(appBench));
    if (selected(apiLoad.name)) for (const result of await apiLoad(appBench)) record(result);
    if (selected(mixedLoad.name)) record(await mixedLoad(appBench, await loadClients(bench), loadSeconds(process.argv.slice(2))));
    // Last of the API's scenarios: it kills PostgREST (the stack brings it back).
    if (selected(postgrestKilled.name)) record(await postgrestKilled(appBench));
    if (selected(dashboardFirstLoad.name)) for (const result of await dashboardFirstLoad(appBench)) record(result);
    if (selected(lighthouseScores.name)) for (const result of await lighthouseScores(appBench)) record(result);
    if (selected(gridEntry.name)) for (const result of await gridEntry(appBench)) record(result);
    if (selected(exportWorker.name)) for (const result of await exportWorker(appBench)) record(result);
    if (selected(sheetsSync.name)) for (const result of await sheetsSync(appBench)) record(result);
    for (const [dashboards, target] of [[1, 150], [50, 150]] as const) {
      if (selected(feedLatency.name)) record(await feedLatency(appBench, dashboards, target));
    }
    if (only !== null) {
      log("--only: the report files are left as they were");
    } else {
      await writeResults(results, { startedAt, scale, setupSeconds });
    }
    if (keep) {
      log(`kept running: API ${stack.apiUrl}, database ${stack.dbUrl}, app ${app.url}; Ctrl-C to stop`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    }
  } finally {
    await stopApp();
    await pool.end();
    await stack.stop();
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function writeResults(results: ScenarioResult[], run: { startedAt: string; scale: number; setupSeconds: number }): Promise<void> {
  await writeReport(path.join(projectDir, "bench"), {
    ...run,
    dispatches: Math.round(FULL_DISPATCHES * run.scale),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    results,
  });
  log("wrote bench/results.json and bench/RESULTS.md");
}

main().catch((error: unknown) => {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
