// GET /functions/v1/exports/dispatch-csv: one slice of seed 000's dispatch CSV (GET /api/dispatch
// ?export=csv) for the signed-in caller, straight from COPY, as export jobs read theirs. The app's
// route asks for slice after slice and writes the header; each answer says where the next starts
// (X-Next-Slice, the query to add), so one invocation stays within the runtime's CPU limit: a slice
// is SLICE_ROWS rows, as an export job's.
import { SLICE_ROWS } from "./worker.ts";
import type { DispatchCsvFilters, DispatchCsvKey, DispatchCsvSlice, Queue } from "./queue.ts";

export const NEXT_SLICE_HEADER = "x-next-slice";

const KNOWN = new Set([
  "region", "status", "cluster_pattern", "processor_pattern", "created_from", "created_to", "date_from", "date_to", "site_id", "by_date",
  "after_date", "after_created", "after_id",
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// What the app sends: ISO 8601 with a zone (Postgres reads it whatever its DateStyle).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

export interface DispatchCsvRequest {
  filters: DispatchCsvFilters;
  after: DispatchCsvKey | null;
}

export class BadRequest extends Error {
  override name = "BadRequest";
}

/** The query the app sends, checked: anyone signed in can call this, so nothing is taken on trust. */
export function parseDispatchCsvQuery(params: URLSearchParams): DispatchCsvRequest {
  for (const name of params.keys()) if (!KNOWN.has(name)) throw new BadRequest(`Unknown parameter: ${name}`);
  const get = (name: string, pattern?: RegExp): string | null => {
    const value = params.get(name);
    if (value === null) return null;
    if (pattern && !pattern.test(value)) throw new BadRequest(`${name} is not valid`);
    return value;
  };
  const filters: DispatchCsvFilters = {
    region: get("region"), status: get("status"), cluster_pattern: get("cluster_pattern"), processor_pattern: get("processor_pattern"),
    created_from: get("created_from", INSTANT), created_to: get("created_to", INSTANT),
    date_from: get("date_from", DAY), date_to: get("date_to", DAY),
    site_id: get("site_id", UUID),
    by_date: get("by_date", /^(true|false)$/) === "true",
  };
  const afterParts = [get("after_date", DAY), get("after_created", INSTANT), get("after_id", UUID)];
  const given = afterParts.filter((part) => part !== null).length;
  if (given !== 0 && given !== 3) throw new BadRequest("after_date, after_created and after_id go together");
  const [date, created, id] = afterParts as [string, string, string];
  return { filters, after: given === 3 ? { date, created, id } : null };
}

export interface DispatchCsvDeps {
  queue: Queue;
  /** The signed-in user's id for a bearer token, or null when Auth does not know it. */
  userOf(token: string): Promise<string | null>;
}

const isDataException = (failure: unknown) =>
  typeof failure === "object" && failure !== null && typeof (failure as { code?: unknown }).code === "string" && (failure as { code: string }).code.startsWith("22");

const error = (status: number, code: string, message: string) => Response.json({ message, code }, { status });

export async function serveDispatchCsv(deps: DispatchCsvDeps, request: Request): Promise<Response> {
  const token = /^bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const userId = token ? await deps.userOf(token) : null;
  if (!userId) return error(401, "UNAUTHORIZED", "Sign in to export dispatches.");
  let asked: DispatchCsvRequest;
  try {
    asked = parseDispatchCsvQuery(new URL(request.url).searchParams);
  } catch (failure) {
    if (failure instanceof BadRequest) return error(400, "VALIDATION_ERROR", failure.message);
    throw failure;
  }
  let slice: DispatchCsvSlice;
  try {
    slice = await deps.queue.dispatchCsv(userId, asked.filters, asked.after, SLICE_ROWS);
  } catch (failure) {
    // A value the checks above let through but Postgres refuses (a 30 February): data exception.
    if (isDataException(failure)) return error(400, "VALIDATION_ERROR", (failure as Error).message);
    throw failure;
  }
  const headers = new Headers({ "content-type": "text/csv; charset=utf-8" });
  if (slice.next) {
    headers.set(NEXT_SLICE_HEADER, new URLSearchParams({ after_date: slice.next.date, after_created: slice.next.created, after_id: slice.next.id }).toString());
  }
  return new Response(slice.rows, { headers });
}

/** Auth's own answer for the token (GET /auth/v1/user): a valid signature alone does not make a user. */
export function authUser(supabaseUrl: string, anonKey: string): (token: string) => Promise<string | null> {
  return async (token) => {
    const response = await fetch(`${supabaseUrl}/auth/v1/user`, { headers: { apikey: anonKey, authorization: `Bearer ${token}` } });
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status >= 500) throw new Error(`Auth answered ${response.status}`);
      return null;
    }
    const user = (await response.json()) as { id?: unknown };
    return typeof user.id === "string" ? user.id : null;
  };
}
