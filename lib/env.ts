// The app's configuration, checked where it is read, so a missing variable fails with a clear
// message. No zod here: the browser reads publicEnv() too, and zod would add 30 KB to every page.

export interface PublicEnv {
  supabaseUrl: string;
  supabaseAnonKey: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Safe in the browser: Next inlines NEXT_PUBLIC_* variables when they are named literally. */
export function publicEnv(): PublicEnv {
  const supabaseUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseAnonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (!isHttpUrl(supabaseUrl)) throw new ConfigError("NEXT_PUBLIC_SUPABASE_URL must be the URL of a Supabase project (see .env.example)");
  if (!supabaseAnonKey) throw new ConfigError("NEXT_PUBLIC_SUPABASE_ANON_KEY is missing (see .env.example)");
  return { supabaseUrl, supabaseAnonKey };
}

/** An Edge Function's address on the project (`path` goes after its name). */
export const functionUrl = (name: string, path = "") => `${publicEnv().supabaseUrl}/functions/v1/${name}${path}`;

/** Server only: the service-role key bypasses RLS. */
export function serviceRoleKey(): string {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY;
  if (!key) throw new ConfigError("SUPABASE_SERVICE_ROLE_KEY is missing (see .env.example)");
  return key;
}

/** The app talks to the local stack (`npm run dev`): the demo accounts exist and may be shown. */
export function usesLocalStack(): boolean {
  const { hostname } = new URL(publicEnv().supabaseUrl);
  return hostname === "127.0.0.1" || hostname === "localhost";
}
