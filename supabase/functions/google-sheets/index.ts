// The Edge Function `google-sheets`:
//   POST /functions/v1/google-sheets           {} | { action: "drain" | "tick" }  (service role)
//     drains the Sheets outbox into the Apps Script web app; "tick" (the schedule) also prunes.
//   POST /functions/v1/google-sheets           { action: "reconcile" }  (service role)
//     reads the sheet, queues a repair for every drift, answers the report (200), then drains.
//     Answers 202 at once and works after answering, so the API that wakes it never waits.
//   POST /functions/v1/google-sheets/webhook?ts=…&sig=…   seed 000's webhook (inbound.ts),
//     forwarded by the app's POST /api/webhooks/google-sheets with the raw body.
// Secrets: GOOGLE_APPS_SCRIPT_WEB_APP_URL, GOOGLE_SHEETS_WEBHOOK_SECRET, GOOGLE_SHEETS_SHEET_NAME.
import { appsScriptSink, drain, type Sink } from "./drain.ts";
import { handleWebhook } from "./inbound.ts";
import { postgresOutbox } from "./outbox.ts";
import { readSheet } from "./reconcile.ts";

const env = (name: string): string => {
  const value = Deno.env.get(name);
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const serviceRoleKey = env("SUPABASE_SERVICE_ROLE_KEY");
const selfUrl = `${env("SUPABASE_URL")}/functions/v1/google-sheets`;
const outbox = postgresOutbox(env("SUPABASE_DB_URL"));
const secret = Deno.env.get("GOOGLE_SHEETS_WEBHOOK_SECRET") || undefined;
const webAppUrl = Deno.env.get("GOOGLE_APPS_SCRIPT_WEB_APP_URL") || undefined;
const sheetName = Deno.env.get("GOOGLE_SHEETS_SHEET_NAME") || "Dispatch Reports";

/** The script, or why events wait (the status page shows it). */
function sink(): Sink | string {
  if (!webAppUrl) return "GOOGLE_APPS_SCRIPT_WEB_APP_URL is not set: events wait in the outbox until it is";
  if (!secret) return "GOOGLE_SHEETS_WEBHOOK_SECRET is not set: the script would refuse unsigned batches, so events wait";
  return appsScriptSink(webAppUrl, secret, sheetName);
}

const log = (message: string) => console.error(`[google-sheets] ${message}`);

interface EdgeRuntimeGlobal {
  EdgeRuntime?: { waitUntil(work: Promise<unknown>): void };
}

function inBackground(work: Promise<unknown>): void {
  const guarded = work.catch((error: unknown) => log(error instanceof Error ? error.stack ?? error.message : String(error)));
  (globalThis as EdgeRuntimeGlobal).EdgeRuntime?.waitUntil(guarded);
}

/** One run at a time in this process: a wake-up during a run is folded into it. */
let running: Promise<void> | null = null;
let again = false;

function drainSoon(): void {
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      const report = await drain(outbox, sink());
      if (report.delivered || report.failed) log(`delivered ${report.delivered}, failed ${report.failed}`);
      // Out of time with events left (not a failure, which waits for its backoff): go on in a new invocation.
      if (report.more && report.failed === 0) await fetch(selfUrl, { method: "POST", headers: { authorization: `Bearer ${serviceRoleKey}` }, body: "{}" }).then((r) => r.body?.cancel());
    } while (again);
  })().finally(() => (running = null));
  inBackground(running);
}

async function reconcileNow(): Promise<Response> {
  if (!webAppUrl || !secret) {
    return Response.json({ message: "The sheet cannot be read: set GOOGLE_APPS_SCRIPT_WEB_APP_URL and GOOGLE_SHEETS_WEBHOOK_SECRET", code: "SERVICE_UNAVAILABLE" }, { status: 503 });
  }
  let rows: unknown[];
  try {
    rows = await readSheet(webAppUrl, secret, sheetName);
  } catch (error) {
    return Response.json({ message: error instanceof Error ? error.message : String(error), code: "SERVICE_UNAVAILABLE" }, { status: 503 });
  }
  const report = await outbox.reconcile(rows);
  drainSoon();
  return Response.json({ report });
}

Deno.serve(async (request) => {
  if (request.method !== "POST") return Response.json({ message: "Use POST", code: "METHOD_NOT_ALLOWED" }, { status: 405, headers: { allow: "POST" } });
  if (request.headers.get("authorization") !== `Bearer ${serviceRoleKey}`) {
    return Response.json({ message: "Only the service role may call this function", code: "FORBIDDEN" }, { status: 403 });
  }
  if (new URL(request.url).pathname.endsWith("/webhook")) {
    const response = await handleWebhook(request, outbox, secret, Math.floor(Date.now() / 1000));
    if (response.ok) drainSoon();
    return response;
  }
  const body = await request.json().catch(() => null) as { action?: unknown } | null;
  const action = body?.action ?? "drain";
  if (action === "reconcile") return await reconcileNow();
  if (action !== "drain" && action !== "tick") {
    return Response.json({ message: "The body must be {}, or { action: \"drain\" | \"tick\" | \"reconcile\" }", code: "VALIDATION_ERROR" }, { status: 400 });
  }
  if (action === "tick") inBackground(outbox.prune());
  drainSoon();
  return Response.json({ accepted: true }, { status: 202 });
});
