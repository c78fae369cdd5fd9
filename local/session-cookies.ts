// The session cookies the app's @supabase/ssr clients write when a user signs in with a password,
// for calling the app as that user from outside a browser (tests, benchmarks).
import { createServerClient } from "@supabase/ssr";
import { serverRealtime } from "@/lib/supabase/server-transport";

export interface Cookie {
  name: string;
  value: string;
}

export async function signInCookies(apiUrl: string, anonKey: string, email: string, password: string): Promise<Cookie[]> {
  let jar: Cookie[] = [];
  const supabase = createServerClient(apiUrl, anonKey, {
    realtime: serverRealtime,
    cookies: {
      getAll: () => jar,
      setAll: (cookies) => {
        const names = new Set(cookies.map((cookie) => cookie.name));
        jar = [...jar.filter((cookie) => !names.has(cookie.name)), ...cookies.filter((cookie) => cookie.value !== "").map(({ name, value }) => ({ name, value }))];
      },
    },
  });
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return jar;
}

/** The `cookie` request header for a jar. */
export const cookieHeader = (cookies: Cookie[]) => cookies.map(({ name, value }) => `${name}=${value}`).join("; ");

/** The password of the four users supabase/seed.sql creates (admin@, manager@, operator@, viewer@deskops.local). */
export const SEEDED_PASSWORD = "deskops-local";
