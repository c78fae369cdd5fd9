// IMPORTANT: Node 20 has no global WebSocket, and supabase-js builds its realtime client as soon
// as a client is created, so every client made outside the browser must be given `ws`.
import WebSocket from "ws";
import type { SupabaseClientOptions } from "@supabase/supabase-js";

type RealtimeOptions = NonNullable<SupabaseClientOptions<"public">["realtime"]>;

// ws's constructor takes a wider `address` type than realtime-js declares; the shapes agree at run time.
export const serverRealtime: RealtimeOptions = { transport: WebSocket as unknown as RealtimeOptions["transport"] };
