// The service-role client, for server code that acts for the system (never for a user's request
// that RLS should judge). It bypasses RLS: keep it out of the browser bundle.
import "server-only";
import { createClient } from "@supabase/supabase-js";
import type { Database } from "@/lib/database.types";
import { publicEnv, serviceRoleKey } from "@/lib/env";
import { serverRealtime } from "@/lib/supabase/server-transport";

export function createAdminClient() {
  return createClient<Database>(publicEnv().supabaseUrl, serviceRoleKey(), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: serverRealtime,
  });
}
