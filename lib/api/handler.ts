// The one wrapper every route handler uses. A route declares what it takes (path parameters, query
// and body, each a zod schema) and gets them parsed, with the signed-in user's Supabase client; the
// wrapper answers every error in DESIGN.md's shape. A route that declares no query takes none: an
// unknown parameter is a 400, never ignored. Unexpected errors are logged whole under a request id
// that the 500 answer carries; their internals never reach the client.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, INTERNAL_MESSAGE, fromZod, logInternalError, toApiError, unauthorized } from "@/lib/errors";
import { sessionUser } from "@/lib/queries/auth";
import { spendWriteToken } from "@/lib/queries/rate-limit";
import { createClient } from "@/lib/supabase/server";
import type { Supabase } from "@/lib/supabase/types";
import { unstorableText } from "@/lib/validations/storable-text";

export interface RouteSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Parsed<Schema, Otherwise> = Schema extends z.ZodType ? z.output<Schema> : Otherwise;

export interface RouteContext<Schemas extends RouteSchemas> {
  request: NextRequest;
  supabase: Supabase;
  userId: string;
  params: Parsed<Schemas["params"], Record<string, never>>;
  query: Parsed<Schemas["query"], Record<string, never>>;
  body: Parsed<Schemas["body"], undefined>;
}

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** For routes that take no query parameters: an unknown parameter is an error, not ignored. */
const noQuery = z.strictObject({});

const REQUEST_ID = /^[\w-]{8,100}$/;
/** The caller's X-Request-Id when it is a sane one (a proxy's), else a new one. */
const requestIdOf = (request: NextRequest) => {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
};

export function errorResponse(error: unknown, request: NextRequest): NextResponse {
  const apiError = toApiError(error);
  if (apiError.code !== "INTERNAL_ERROR") return NextResponse.json(apiError.toBody(), { status: apiError.status, headers: apiError.headers });
  const requestId = requestIdOf(request);
  logInternalError("api", requestId, apiError, `${request.method} ${request.nextUrl.pathname}`);
  return NextResponse.json(
    { message: INTERNAL_MESSAGE, code: "INTERNAL_ERROR", details: { requestId } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, message: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error, message);
  return result.data;
}

const MAX_JSON_BYTES = 5 * 1024 * 1024;

/** A JSON body; malformed JSON is 400, an oversized body 413. */
async function readJson(request: NextRequest): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("VALIDATION_ERROR", "The request body is not valid JSON.");
  }
}

/** `value` unless some text in it could not be stored (NUL, half a surrogate pair): then a 400 naming each field. */
function storable<T>(value: T, message: string): T {
  const issues = unstorableText(value);
  if (issues.length > 0) throw new ApiError("VALIDATION_ERROR", message, { issues });
  return value;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A page on another site making the browser send a write with the user's cookie (CSRF) is
 * refused: browsers say where a request comes from (Sec-Fetch-Site, Origin). Clients that are not
 * browsers send neither, and need the session anyway. Server actions get the same check from Next.
 */
function refuseCrossSite(request: NextRequest): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const fromElsewhere = request.headers.get("sec-fetch-site") === "cross-site" || (origin !== null && originHost(origin) !== host);
  if (fromElsewhere) throw new ApiError("FORBIDDEN", "Changes can only be made from DeskOps itself, not from another site.");
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (a sandboxed page) or garbage: never this host
  }
}

/** A route for signed-in users; RLS sees them through their own JWT. Each write spends one of the user's writes. */
export function authenticated<const Schemas extends RouteSchemas>(schemas: Schemas, handler: (context: RouteContext<Schemas>) => Promise<Response>) {
  return async (request: NextRequest, nextContext: NextContext): Promise<Response> => {
    try {
      const supabase = await createClient();
      const user = await sessionUser(supabase);
      if (!user) throw unauthorized();
      if (WRITE_METHODS.has(request.method)) {
        refuseCrossSite(request);
        await spendWriteToken(supabase);
      }
      const query = parseWith(schemas.query ?? noQuery, storable(Object.fromEntries(request.nextUrl.searchParams), "Some query parameters are not valid."), "Some query parameters are not valid.");
      const params = schemas.params ? parseWith(schemas.params, await nextContext.params, "The address is not valid.") : {};
      const body = schemas.body ? parseWith(schemas.body, storable(await readJson(request), "Some fields are not valid."), "Some fields are not valid.") : undefined;
      // The parsed values are exactly what RouteContext<Schemas> declares; TypeScript cannot
      // relate a conditional type to the branches above on its own.
      const context = { request, supabase, userId: user.id, params, query, body } as RouteContext<Schemas>;
      return await handler(context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
