// The one wrapper every route handler uses: session, input parsing and the error shape, so a
// handler is only what it does. Unexpected errors get a request id in the log and the body,
// never internals.
import "server-only";
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import type { Database } from "@/lib/database.types";
import { ApiError, fromPostgrest, fromZod, isPostgrestError, unauthorized } from "@/lib/errors";
import { createClient } from "@/lib/supabase/server";

export type Supabase = SupabaseClient<Database>;

export interface RouteContext<Params> {
  request: NextRequest;
  supabase: Supabase;
  userId: string;
  params: Params;
}

type Handler<Params> = (context: RouteContext<Params>) => Promise<Response>;
type NextContext<Params> = { params: Promise<Params> };

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ApiError) return NextResponse.json(error.toBody(), { status: error.status });
  if (error instanceof z.ZodError) return errorResponse(fromZod(error));
  if (isPostgrestError(error)) {
    const translated = fromPostgrest(error);
    if (translated.code !== "INTERNAL_ERROR") return errorResponse(translated);
  }
  const requestId = randomUUID();
  console.error(`[api] request ${requestId} failed`, error);
  return NextResponse.json({ message: "Something went wrong on our side.", code: "INTERNAL_ERROR", details: { requestId } }, { status: 500 });
}

/** A route for signed-in users; RLS sees them through their own JWT. */
export function authenticated<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: NextRequest, context: NextContext<Params>): Promise<Response> => {
    try {
      const supabase = await createClient();
      const { data } = await supabase.auth.getClaims();
      const userId = data?.claims.sub;
      if (!userId) throw unauthorized();
      return await handler({ request, supabase, userId, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A dynamic route's path parameters through a schema; a bad one is a 400 that says `message`. */
export function parseParams<Schema extends z.ZodType>(params: unknown, schema: Schema, message: string): z.infer<Schema> {
  const result = schema.safeParse(params);
  if (!result.success) throw fromZod(result.error, message);
  return result.data;
}

/** Query parameters through a strict schema: an unknown parameter is an error, not ignored. */
export function parseQuery<Schema extends z.ZodType>(request: NextRequest, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(Object.fromEntries(request.nextUrl.searchParams.entries()));
  if (!result.success) throw fromZod(result.error, "Some query parameters are not valid.");
  return result.data;
}

const MAX_JSON_BYTES = 5 * 1024 * 1024;

/** A JSON body through a schema; malformed JSON is 400, an oversized body 413. */
export async function parseBody<Schema extends z.ZodType>(request: NextRequest, schema: Schema): Promise<z.infer<Schema>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError("VALIDATION_ERROR", "The request body is not valid JSON.");
  }
  const result = schema.safeParse(json);
  if (!result.success) throw fromZod(result.error);
  return result.data;
}
