// The one wrapper every server action uses: the session, the error translation of the API, and
// page revalidation after a change. Results keep seed 001's shape, { success, <row>?, message? },
// typed, so callers read them without casts. An unexpected error is logged whole under a request
// id, which the failure carries in `details`, as the API's 500s do.
import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";
import { INTERNAL_MESSAGE, logInternalError, toApiError, unauthorized } from "@/lib/errors";
import { sessionUser } from "@/lib/queries/auth";
import { spendWriteToken } from "@/lib/queries/rate-limit";
import { createClient } from "@/lib/supabase/server";
import type { Supabase } from "@/lib/supabase/types";

export type { ActionFailure, ActionResult };

function failure(error: unknown, action: string): ActionFailure {
  const apiError = toApiError(error);
  if (apiError.code !== "INTERNAL_ERROR") return { success: false, ...apiError.toBody() };
  const requestId = randomUUID();
  logInternalError("action", requestId, apiError, action);
  return { success: false, message: INTERNAL_MESSAGE, code: "INTERNAL_ERROR", details: { requestId } };
}

/** Runs `work` as the signed-in user; `name` labels the action in the log, `pages` are revalidated after it. */
export async function runAction<Data extends object>(
  name: string,
  pages: readonly string[],
  work: (supabase: Supabase, userId: string) => Promise<Data>,
): Promise<ActionResult<Data>> {
  try {
    const supabase = await createClient();
    const user = await sessionUser(supabase);
    if (!user) throw unauthorized();
    // An action that changes what pages show is a write, and spends one of the user's writes.
    if (pages.length > 0) await spendWriteToken(supabase);
    const data = await work(supabase, user.id);
    for (const page of pages) revalidatePath(page);
    return { success: true, ...data };
  } catch (error) {
    return failure(error, name);
  }
}
