// One error shape for every API response: { message, code, details? } (DESIGN.md). Typed errors
// carry their code; database and validation errors are translated here, and nothing else.
import type { PostgrestError } from "@supabase/supabase-js";
import { z } from "zod";

export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE_RECORD: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  message: string;
  code: ErrorCode;
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
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

/** PostgREST / Postgres errors as the API's errors. Internals never reach the client. */
export function fromPostgrest(error: PostgrestError, what = "The record"): ApiError {
  const details = parseDetails(error.details);
  switch (error.code) {
    case "23505":
      return new ApiError("DUPLICATE_RECORD", `${what} already exists.`, details);
    case "42501":
      return new ApiError("FORBIDDEN", "You do not have permission to do that.");
    case "PGRST116":
    case "P0002":
      return notFound(what);
    case "23502":
    case "23503":
    case "23514":
    case "22P02":
    case "22023":
    case "22003":
    case "22007":
    case "22008":
      // The database names the failing row and field for batch inserts; keep the message's sense.
      return new ApiError("VALIDATION_ERROR", error.message, details);
    default:
      return new ApiError("INTERNAL_ERROR", "Something went wrong on our side.");
  }
}

export function isPostgrestError(value: unknown): value is PostgrestError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value && "details" in value;
}
