// A private auth server on the test stack's database, for settings the shared stack does not
// have (anonymous sign-ins on, secure password changes) and a clock a test can move.
import type { Server } from "node:http";
import path from "node:path";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { readAuthConfig, type AuthConfig } from "@/local/auth/config";
import { createInbox, type Mail } from "@/local/auth/inbox";
import { createAuthHandler } from "@/local/auth/server";
import { createGateway } from "@/local/gateway";
import { freePort } from "@/local/net";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { stack } from "./supabase";

export interface PrivateAuthServer {
  url: string;
  mails: Mail[];
  /** The server's clock in milliseconds: null follows real time; a number stands still until moved. */
  now: number | null;
  client(): SupabaseClient;
  stop(): Promise<void>;
}

export async function startAuthServer(settings: Partial<AuthConfig> = {}): Promise<PrivateAuthServer> {
  const pool = new pg.Pool({ connectionString: stack().dbUrl, max: 2 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = { ...(await readAuthConfig(path.resolve(import.meta.dirname, "../.."))), ...settings };
  const mails: Mail[] = [];
  const inbox = createInbox((mail) => mails.push(mail));
  const handle: PrivateAuthServer = {
    url,
    mails,
    now: null,
    client: () => createClient(url, stack().anonKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: serverRealtime }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
  const server: Server = createGateway({
    apiKeys: [stack().anonKey, stack().serviceRoleKey],
    routes: {
      "/auth/v1": createAuthHandler({ pool, jwtSecret: stack().jwtSecret, issuer: `${url}/auth/v1`, config, inbox, clock: () => handle.now ?? Date.now() }),
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return handle;
}
