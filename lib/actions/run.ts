// The one wrapper every server action uses: the session, the error translation of the API, and
// page revalidation after a change. Results keep seed 001's shape: { success, <row>?, message? }.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Supabase } from "@/lib/api/handler";
import { ApiError, fromPostgrest, fromZod, isPostgrestError, unauthorized } from "@/lib/errors";
import { createClient } from "@/lib/supabase/server";

export type ActionResult =
  | ({ success: true } & Record<string, unknown>)
  | { success: false; message: string; code: string; details?: unknown };

function failure(error: unknown): ActionResult {
  const known =
    error instanceof ApiError ? error
    : error instanceof z.ZodError ? fromZod(error)
    : isPostgrestError(error) ? fromPostgrest(error)
    : null;
  if (known && known.code !== "INTERNAL_ERROR") return { success: false, ...known.toBody() };
  console.error("[action] failed", error);
  return { success: false, message: "Something went wrong on our side.", code: "INTERNAL_ERROR" };
}

export async function runAction(
  pages: string[],
  work: (supabase: Supabase, userId: string) => Promise<Record<string, unknown>>,
): Promise<ActionResult> {
  try {
    const supabase = await createClient();
    const { data } = await supabase.auth.getClaims();
    const userId = data?.claims.sub;
    if (!userId) throw unauthorized();
    const result = await work(supabase, userId);
    for (const page of pages) revalidatePath(page);
    return { success: true, ...result };
  } catch (error) {
    return failure(error);
  }
}
