// The Google Sheets sync from the app's side: the Edge Function `google-sheets` does the work.
import "server-only";
import { after } from "next/server";
import { wakeFunction } from "@/lib/edge-functions";
import { functionUrl, serviceRoleKey } from "@/lib/env";
import { ApiError } from "@/lib/errors";

const UNREACHABLE = "The Sheets sync is not reachable right now; try again shortly.";

/** After a dispatch write is answered, the outbox drainer runs: the user never waits for Google. */
export function syncSheetsAfterResponse(): void {
  try {
    after(() => wakeFunction("google-sheets"));
  } catch {
    // Outside a request (a script, a test calling an action directly) there is no "after": wake it now.
    void wakeFunction("google-sheets");
  }
}

/**
 * Seed 000's webhook, POST /api/webhooks/google-sheets: the raw body and query (the signature
 * covers the body byte for byte) go to the function, which checks and answers; one implementation.
 */
export async function forwardWebhook(body: string, search: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(functionUrl("google-sheets", `/webhook${search}`), {
      method: "POST",
      headers: { authorization: `Bearer ${serviceRoleKey()}`, "content-type": "application/json" },
      body,
    });
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", UNREACHABLE, undefined, { cause: error });
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new ApiError("SERVICE_UNAVAILABLE", UNREACHABLE);
  }
  return new Response(response.body, { status: response.status, headers: { "content-type": "application/json" } });
}

/** The function's reconcile (it reads the whole sheet through the script); its report. */
export async function reconcileSheet(): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(functionUrl("google-sheets"), {
      method: "POST",
      headers: { authorization: `Bearer ${serviceRoleKey()}`, "content-type": "application/json" },
      body: JSON.stringify({ action: "reconcile" }),
    });
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", UNREACHABLE, undefined, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { report?: Record<string, unknown>; message?: string };
  if (!response.ok || !body.report) throw new ApiError("SERVICE_UNAVAILABLE", body.message ?? UNREACHABLE);
  return body.report;
}
