// Google Sheets sync: the delay from a dispatch insert (POST /api/dispatch) to its row in the
// sheet, and the throughput of a 10,000-row bulk insert into the sheet, with nothing lost. The
// sheet is the real Code.gs in the fake Apps Script web app (its own process); the drainer is the
// real Edge Function google-sheets in a Deno process of its own, which the bench wakes after each
// insert as the app wakes the stack's (whose function has no web app configured here, so only
// this drainer delivers). The reference is seed 000's direct call: right after the insert, one
// POST of the rows to the web app from the request, no outbox.
import { createHmac, randomUUID } from "node:crypto";
import { startDrainer, startFakeSheet } from "@/tests/helpers/apps-script/processes";
import { appJson, type AppBench } from "./context";
import { summarize } from "./measure";
import { ms, type ScenarioResult } from "./report";

const LATENCY_SAMPLES = 30;
const BULK_ROWS = 10_000;
const BATCH_ROWS = 5_000;

const signed = (url: string, secret: string, body: string) => {
  const ts = Math.floor(Date.now() / 1000);
  return `${url}?ts=${ts}&sig=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`;
};

export async function sheetsSync(bench: AppBench): Promise<ScenarioResult[]> {
  const secret = `bench-${randomUUID()}`;
  const sheet = await startFakeSheet(secret);
  const drainer = await startDrainer({ apiUrl: bench.stack.apiUrl, serviceRoleKey: bench.stack.serviceRoleKey, dbUrl: bench.stack.dbUrl, webAppUrl: sheet.url, secret });
  try {
    // Whatever earlier scenarios queued is not this scenario's work.
    await bench.pool.query("update public.sheets_outbox set delivered_at = now() where delivered_at is null");
    const wake = () => fetch(drainer.url, { method: "POST", headers: { authorization: `Bearer ${bench.stack.serviceRoleKey}` }, body: "{}" }).then((r) => r.text());
    // The probe takes the ids in its query string: 300 at a time keeps the URL short.
    const present = async (ids: string[]) => {
      let found = 0;
      for (let start = 0; start < ids.length; start += 300) {
        found += ((await (await fetch(`${sheet.controlUrl}/__rows?ids=${ids.slice(start, start + 300).join(",")}`)).json()) as { present: number }).present;
      }
      return found;
    };
    const insert = async (count: number, label: string) => {
      const rows = Array.from({ length: count }, (_, index) => ({
        site_id: bench.siteId, cluster: "Bench Cluster", processor: "Bench Processor", station: "Bench Station", region: "NCR",
        dock_number: `D-${index % 20}`, lh_trip: `${label}-${index}`, plate_number: `SHT ${index}`,
      }));
      return ((await appJson(bench, "/api/dispatch", "operator", { method: "POST", body: JSON.stringify({ rows }) })) as { data: Array<Record<string, unknown> & { id: string }> }).data;
    };
    const until = async (ids: string[], timeoutMs: number) => {
      const deadline = performance.now() + timeoutMs;
      while ((await present(ids)) < ids.length) {
        if (performance.now() > deadline) throw new Error(`the sheet did not get ${ids.length} rows in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, ids.length > 1 ? 100 : 10));
      }
    };
    /** Seed 000's direct call: the rows posted to the web app from the request, right after the insert. */
    const directCall = async (rows: Array<Record<string, unknown> & { id: string }>) => {
      const body = JSON.stringify({ action: "apply", events: rows.map((row, index) => ({ id: randomUUID(), seq: Date.now() * 10 + index, action: "insert", dispatch: { ...row, user_id: row.created_by } })) });
      const response = await fetch(signed(sheet.url, secret, body), { method: "POST", headers: { "content-type": "application/json" }, body });
      await response.text();
    };

    const outbox: number[] = [];
    const direct: number[] = [];
    for (let sample = 0; sample < LATENCY_SAMPLES + 3; sample += 1) {
      let started = performance.now();
      const [row] = await insert(1, `LAT-${sample}`);
      await wake();
      await until([row!.id], 30_000);
      const outboxMs = performance.now() - started;
      started = performance.now();
      const [other] = await insert(1, `REF-${sample}`);
      await directCall([other!]);
      const directMs = performance.now() - started;
      // The first runs warm both paths up.
      if (sample >= 3) {
        outbox.push(outboxMs);
        direct.push(directMs);
      }
    }
    const latency = summarize(outbox);
    const reference = summarize(direct);

    const bulkStarted = performance.now();
    const bulk = [...(await insert(BATCH_ROWS, "BULK-A")), ...(await insert(BATCH_ROWS, "BULK-B"))];
    await wake();
    const ids = bulk.map((row) => row.id);
    await until(ids, 300_000).catch(() => undefined);
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    const delivered = await present(ids);
    const { rows: [undelivered] } = await bench.pool.query<{ count: string }>("select count(*) from public.sheets_outbox where delivered_at is null");

    const refStarted = performance.now();
    for (let batch = 0; batch < BULK_ROWS / BATCH_ROWS; batch += 1) await directCall(await insert(BATCH_ROWS, `REFBULK-${batch}`));
    const refSeconds = (performance.now() - refStarted) / 1000;

    return [
      {
        scenario: "sheets sync: dispatch insert (POST /api/dispatch) → its row in the fake sheet (real Code.gs), via the outbox and the Edge Function",
        deskops: `p50 ${ms(latency.p50)} / p95 ${ms(latency.p95)} (${latency.runs} inserts)`,
        reference: `seed 000's direct call from the request: p50 ${ms(reference.p50)} / p95 ${ms(reference.p95)}`,
        ratio: `+${ms(latency.p50 - reference.p50)} at p50`,
        target: "p95 < 5 s",
        pass: latency.p95 < 5_000,
        note: "The outbox path adds the wake-up (an HTTP call the app makes after answering), a claim, the signed POST and the settle; in exchange a failed or slow sheet loses nothing and the user never waits for Google. The fake web app answers a POST with Google's 302 and serves the content on the GET that follows.",
      },
      {
        scenario: `sheets sync: ${BULK_ROWS.toLocaleString("en-US")}-row bulk insert (2 × POST /api/dispatch of 5,000) → every row in the fake sheet`,
        deskops: `${Math.round(delivered / bulkSeconds).toLocaleString("en-US")} rows/s (${delivered.toLocaleString("en-US")} of ${BULK_ROWS.toLocaleString("en-US")} rows in ${bulkSeconds.toFixed(1)} s; ${undelivered?.count ?? "?"} events left undelivered)`,
        reference: `seed 000's direct call (5,000 rows per call): ${Math.round(BULK_ROWS / refSeconds).toLocaleString("en-US")} rows/s`,
        ratio: `${(BULK_ROWS / refSeconds / (delivered / bulkSeconds)).toFixed(2)}× slower`,
        target: "every row, none twice",
        pass: delivered === BULK_ROWS && Number(undelivered?.count) === 0,
        note: "Batches of 200 events, each one signed POST, one script execution and one settle; seed 000 posts the whole request's rows in one call and loses them if that call fails.",
      },
    ];
  } finally {
    drainer.process.kill("SIGTERM");
    sheet.process.kill("SIGTERM");
  }
}
