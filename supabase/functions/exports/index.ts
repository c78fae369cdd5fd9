// GET /functions/v1/exports/dispatch-csv: a slice of the dispatch list's CSV for its caller
// (dispatch-csv.ts). POST /functions/v1/exports: the export worker (service role only). The body
// says what to do:
//   {}                       claim the oldest waiting job (or one whose worker died) and do a slice
//   { jobId }                the same, for that job first
//   { jobId, lease }         the next slice of a job this worker holds
//   { action: "tick" }       the schedule: expired files are deleted, then as {}
// It answers 202 at once and works after answering (EdgeRuntime.waitUntil on Supabase), so the
// API that wakes it never waits for a report to be made.
import { authUser, serveDispatchCsv, type DispatchCsvDeps } from "./dispatch-csv.ts";
import { postgresQueue } from "./queue.ts";
import { storageApi } from "./storage.ts";
import { removeExpiredFiles, runOnce, type WakeRequest, type WorkerDeps } from "./worker.ts";

const env = (name: string): string => {
  const value = Deno.env.get(name);
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const supabaseUrl = env("SUPABASE_URL");
const serviceRoleKey = env("SUPABASE_SERVICE_ROLE_KEY");
const selfUrl = `${supabaseUrl}/functions/v1/exports`;

const deps: WorkerDeps = {
  queue: postgresQueue(env("SUPABASE_DB_URL")),
  store: storageApi(supabaseUrl, serviceRoleKey),
  wake: async (request) => {
    const response = await fetch(selfUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${serviceRoleKey}`, "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`The worker could not wake itself: ${response.status}`);
  },
  log: (message) => console.error(`[exports] ${message}`),
};

interface EdgeRuntimeGlobal {
  EdgeRuntime?: { waitUntil(work: Promise<unknown>): void };
}

/** Keeps the invocation alive until `work` ends, where the runtime would otherwise stop it. */
function inBackground(work: Promise<unknown>): void {
  const guarded = work.catch((error: unknown) => deps.log(error instanceof Error ? error.stack ?? error.message : String(error)));
  (globalThis as EdgeRuntimeGlobal).EdgeRuntime?.waitUntil(guarded);
}

const isServiceRole = (request: Request) => request.headers.get("authorization") === `Bearer ${serviceRoleKey}`;

function parseWake(body: unknown): (WakeRequest & { action?: "tick" }) | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const { jobId, lease, action } = body as Record<string, unknown>;
  const uuid = (value: unknown) => value === undefined || (typeof value === "string" && /^[0-9a-f-]{36}$/i.test(value));
  if (!uuid(jobId) || !uuid(lease) || (action !== undefined && action !== "tick")) return null;
  return { jobId: jobId as string | undefined, lease: lease as string | undefined, action: action as "tick" | undefined };
}

const dispatchCsv: DispatchCsvDeps = { queue: deps.queue, userOf: authUser(supabaseUrl, env("SUPABASE_ANON_KEY")) };

Deno.serve(async (request) => {
  // The dispatch list's CSV, for the signed-in user who asks (through the app's route).
  if (new URL(request.url).pathname.endsWith("/dispatch-csv")) {
    if (request.method !== "GET") return Response.json({ message: "Use GET", code: "METHOD_NOT_ALLOWED" }, { status: 405 });
    return await serveDispatchCsv(dispatchCsv, request);
  }
  if (request.method !== "POST") return Response.json({ message: "Use POST", code: "METHOD_NOT_ALLOWED" }, { status: 405 });
  // Users never call the worker: the API does, with the service role.
  if (!isServiceRole(request)) return Response.json({ message: "Only the service role may run exports", code: "FORBIDDEN" }, { status: 403 });
  const wake = parseWake(await request.json().catch(() => null));
  if (!wake) return Response.json({ message: "The body must be {}, { jobId }, { jobId, lease } or { action: \"tick\" }", code: "VALIDATION_ERROR" }, { status: 400 });
  inBackground((async () => {
    if (wake.action === "tick") await removeExpiredFiles(deps);
    await runOnce(deps, wake);
  })());
  return Response.json({ accepted: true }, { status: 202 });
});
