// One error shape for every API response and server action: { message, code, details? }
// (DESIGN.md). Typed errors carry their code; database and validation errors are translated here.
// An error the user cannot fix (an unexpected database error, a bug) becomes INTERNAL_ERROR and
// keeps what caused it, so the one place that answers it can log the cause under a request id.
import type { PostgrestError } from "@supabase/supabase-js";
import { z } from "zod";
import { UNIQUE_KEY_FIELDS } from "@/lib/constants";

export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_RECORD: 409,
  GONE: 410,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  message: string;
  code: ErrorCode;
  details?: unknown;
}

export const INTERNAL_MESSAGE = "Something went wrong on our side.";

/** Seconds a client should wait before trying again (the Retry-After header), where waiting helps. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = { SERVICE_UNAVAILABLE: 2, RATE_LIMITED: 30 };

export class ApiError extends Error {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = "ApiError";
    this.retryAfterSeconds = options?.retryAfterSeconds ?? RETRY_AFTER_SECONDS[code];
  }

  /** Headers the answer carries besides the body: Retry-After for a 429 or a 503. */
  get headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined ? {} : { "retry-after": String(Math.ceil(this.retryAfterSeconds)) };
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { message: this.message, code: this.code } : { message: this.message, code: this.code, details: this.details };
  }
}

export const unauthorized = () => new ApiError("UNAUTHORIZED", "Sign in to continue.");
export const notFound = (what: string) => new ApiError("NOT_FOUND", `${what} was not found.`);
export const internalError = (cause: unknown) => new ApiError("INTERNAL_ERROR", INTERNAL_MESSAGE, undefined, { cause });

export interface FieldIssue {
  /** Where the bad value is, e.g. "rows.3.qty_ton"; row numbers are 1-based for people. */
  path: string;
  message: string;
  row?: number;
}

/** zod issues as field paths; inside a `rows` array the row number is given as people count. */
export function fromZod(error: z.ZodError, message = "Some fields are not valid."): ApiError {
  const issues: FieldIssue[] = error.issues.map((issue) => {
    const [first, second] = issue.path;
    const row = first === "rows" && typeof second === "number" ? second + 1 : undefined;
    const path = issue.path.map((part, index) => (index === 1 && row !== undefined ? String(row) : String(part))).join(".");
    return row === undefined ? { path, message: issue.message } : { path, message: issue.message, row };
  });
  return new ApiError("VALIDATION_ERROR", message, { issues });
}

function parseDetails(details: string | null | undefined): unknown {
  if (!details) return undefined;
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return undefined;
  }
}

/** What a failed query was, for the log: the query's label and PostgREST's whole error. */
export interface DatabaseFailure {
  label: string;
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

const SERVICE_DOWN_CODES = new Set(["PGRST000", "PGRST001", "PGRST002", "PGRST003"]);

/**
 * The database is away for a moment, not the request at fault: no code (PostgREST itself is
 * unreachable), PGRST000-003 (PostgREST cannot reach Postgres), and Postgres's connection
 * exceptions (class 08) and operator interventions (57P01-57P05: a statement cut off by a
 * shutdown or restart, "the database system is starting up").
 */
const isServiceDown = (code: string | undefined) => !code || SERVICE_DOWN_CODES.has(code) || code.startsWith("08") || code.startsWith("57P");

/** "Row 3: Unknown material": the database's batch errors, written for a user. */
const namesRows = (message: string) => /^Row \d+: /.test(message);

/** A column in a form's words, as private.field_label says it for a batch: equipment_id → "equipment" (db-constants checks they agree). */
export const fieldLabel = (column: string) => column.replace(/_id$/, "").replaceAll("_", " ");

/** "date", "date and shift", "date, role and shift". */
const spokenList = (words: string[]) => (words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`);

/**
 * "… already exists with the same equipment and date": the fields of the unique key Postgres names
 * in its message. The key's columns themselves are not in the error: Postgres leaves them out of
 * the detail whenever the table has row-level security, as every table a user writes to has.
 */
function duplicateMessage(what: string, message: string): string {
  const key = /unique constraint "([^"]+)"/.exec(message)?.[1];
  const fields = key === undefined ? undefined : UNIQUE_KEY_FIELDS[key];
  return fields === undefined ? `${what} already exists.` : `${what} already exists with the same ${spokenList(fields.map(fieldLabel))}.`;
}

/** What a single write's refusal means, without the table and constraint names Postgres gives. */
const RULE_MESSAGES: Record<string, string> = {
  "23502": "A required field is empty.",
  "23503": "It refers to something that does not exist: check the site, material, machine or role.",
  "23514": "A value is outside what is allowed: check the dates (2000-01-01 to a year from today), quantities and lengths.",
  default: "A value could not be read: check the numbers and dates.",
};

/**
 * PostgREST / Postgres errors as the API's errors; `what` names the record for the message and
 * labels the query in the log. Internals never reach the client.
 */
export function fromPostgrest(error: PostgrestError, what = "The record"): ApiError {
  const details = parseDetails(error.details);
  // It passes; a retry will do.
  if (isServiceDown(error.code)) {
    return new ApiError("SERVICE_UNAVAILABLE", "DeskOps's database is not answering for a moment; try again in a few seconds.", undefined, { cause: error });
  }
  switch (error.code) {
    case "22023":
      // Raised by our own functions (a batch's size or shape): their message is written for a user.
      return new ApiError("VALIDATION_ERROR", error.message, details);
    case "23505":
      return new ApiError("DUPLICATE_RECORD", namesRows(error.message) ? error.message : duplicateMessage(what, error.message), details);
    case "42501":
      return new ApiError("FORBIDDEN", "You do not have permission to do that.");
    case "PT429": {
      // The user's allowance of writes is spent (public.take_write_token): wait as long as it says.
      const wait = typeof details === "object" && details !== null && "retryAfterSeconds" in details ? Number(details.retryAfterSeconds) : undefined;
      return new ApiError("RATE_LIMITED", error.message, undefined, { retryAfterSeconds: Number.isFinite(wait) ? wait : undefined });
    }
    case "53400":
      // A limit the database keeps per user (private.limit_active_exports): its message says which.
      return new ApiError("RATE_LIMITED", error.message);
    case "PGRST116":
    case "P0002":
      return notFound(what);
    case "PT422":
      return new ApiError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for a different request: send that same request again to get its answer, or use a new key.");
    case "22P05":
    case "22021":
    case "PGRST102":
      // NUL or half a surrogate pair got past the request's own check (an action's input, say).
      return new ApiError("VALIDATION_ERROR", "Some text holds a character that cannot be stored (NUL, or half of an emoji); remove it and try again.");
    case "23502":
    case "23503":
    case "23514":
    case "22P02":
    case "22003":
    case "22007":
    case "22008":
      // A batch's error names its rows and fields in a user's words (private.raise_batch_error);
      // a single write's names a table and a constraint, which mean nothing to a user.
      return namesRows(error.message) ? new ApiError("VALIDATION_ERROR", error.message, details) : new ApiError("VALIDATION_ERROR", RULE_MESSAGES[error.code] ?? RULE_MESSAGES.default!);
    default: {
      const failure: DatabaseFailure = { label: what, code: error.code, message: error.message, details: error.details ?? null, hint: error.hint ?? null };
      return internalError(failure);
    }
  }
}

export function isPostgrestError(value: unknown): value is PostgrestError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value && "details" in value;
}

/** Any thrown value as an ApiError: known errors keep their code, anything else is INTERNAL_ERROR with it as the cause. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return fromZod(error);
  if (isPostgrestError(error)) return fromPostgrest(error, "The request");
  return internalError(error);
}

/** A cause as one line of JSON for the server log: a database failure whole, an Error with its stack. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    return JSON.stringify({ name: cause.name, message: cause.message, stack: cause.stack, ...(cause.cause === undefined ? {} : { cause: describeCause(cause.cause) }) });
  }
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}

/**
 * The one place an INTERNAL_ERROR is reported: the log line carries the request id and the whole
 * cause; the caller answers with the id only, so support can find the line from what a user sees.
 */
export function logInternalError(source: "api" | "action" | "page", requestId: string, error: ApiError, context = ""): void {
  console.error(`[${source}] request ${requestId} failed${context ? ` (${context})` : ""}: ${describeCause(error.cause ?? error)}`);
}
