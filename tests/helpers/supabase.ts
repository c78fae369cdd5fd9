// Factories for supabase-js clients against the test stack: anon, service role, and fresh users.
import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { inject } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";

export const stack = () => inject("stack");

const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: serverRealtime,
} as const;

export function anonClient(url = stack().apiUrl): SupabaseClient {
  return createClient(url, stack().anonKey, clientOptions);
}

export function serviceClient(): SupabaseClient {
  return createClient(stack().apiUrl, stack().serviceRoleKey, clientOptions);
}

export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export const TEST_PASSWORD = "correct-horse-battery";

/** Creates a confirmed user through the admin API and returns a client signed in as them. */
export async function signedInClient(label = "user"): Promise<{ client: SupabaseClient; userId: string; email: string }> {
  const email = uniqueEmail(label);
  const { data, error } = await serviceClient().auth.admin.createUser({ email, password: TEST_PASSWORD, email_confirm: true });
  if (error) throw error;
  const client = anonClient();
  const signIn = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
  if (signIn.error) throw signIn.error;
  return { client, userId: data.user.id, email };
}
