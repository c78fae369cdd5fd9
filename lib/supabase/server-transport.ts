// IMPORTANT: Node 20 has no global WebSocket, and supabase-js builds its realtime client as soon
// as a client is created, so every client made outside the browser must be given `ws`.
import WebSocket from "ws";
import type { SupabaseClientOptions } from "@supabase/supabase-js";

type Transport = NonNullable<NonNullable<SupabaseClientOptions<"public">["realtime"]>["transport"]>;

/**
 * ws speaks the WebSocket API realtime-js uses (send, close, the on* handlers), but its typings
 * give the handlers ws's own event classes instead of the DOM's, so TypeScript cannot see that it
 * fits. This checks what realtime-js calls, at start-up, instead of asserting it.
 */
function isTransport(candidate: unknown): candidate is Transport {
  if (typeof candidate !== "function") return false;
  const prototype: unknown = candidate.prototype;
  return typeof prototype === "object" && prototype !== null && "send" in prototype && "close" in prototype;
}

if (!isTransport(WebSocket)) throw new Error("The ws package no longer looks like a WebSocket implementation.");

export const serverRealtime = { transport: WebSocket } satisfies NonNullable<SupabaseClientOptions<"public">["realtime"]>;
