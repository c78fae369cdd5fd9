// The browser's Supabase client: Realtime only. Pages read and write through Server Components
// and server actions, so the browser needs no PostgREST, Auth or Storage client; leaving them out
// saves 47 KB (gzip) of every page's JavaScript. Realtime authenticates with the user's access
// token, which the app shell hands over and renews (components/realtime/realtime-session.tsx).
import { RealtimeClient } from "@supabase/realtime-js";
import { publicEnv } from "@/lib/env";

type TokenSource = () => Promise<string | null>;

let client: RealtimeClient | null = null;
let tokenSource: TokenSource = async () => null;

/** Where the Realtime connection gets the user's token (the app shell sets it once signed in). */
export function setAccessTokenSource(source: TokenSource): void {
  tokenSource = source;
}

export function realtimeClient(): RealtimeClient {
  if (!client) {
    const { supabaseUrl, supabaseAnonKey } = publicEnv();
    const endpoint = new URL("realtime/v1", supabaseUrl.endsWith("/") ? supabaseUrl : `${supabaseUrl}/`);
    endpoint.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";
    client = new RealtimeClient(endpoint.href, { params: { apikey: supabaseAnonKey }, accessToken: () => tokenSource() });
  }
  return client;
}
