// Wakes an Edge Function that works through a queue (exports, google-sheets). It answers 202 at
// once and works on its own; the request that woke it never waits, and a failed wake-up loses
// nothing: the work waits in its queue for the next wake-up or the scheduled tick.
import "server-only";
import { functionUrl, serviceRoleKey } from "@/lib/env";

export async function wakeFunction(name: string, body: Record<string, unknown> = {}): Promise<void> {
  try {
    const response = await fetch(functionUrl(name), {
      method: "POST",
      headers: { authorization: `Bearer ${serviceRoleKey()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await response.body?.cancel();
    if (!response.ok) console.error(`[${name}] the function did not take the wake-up: ${response.status}`);
  } catch (error) {
    console.error(`[${name}] the function could not be woken: ${error instanceof Error ? error.message : String(error)}`);
  }
}
