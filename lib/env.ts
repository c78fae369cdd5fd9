// The app's configuration, checked once with zod so a missing variable fails with a clear message.
import { z } from "zod";

const publicEnvSchema = z.object({
  supabaseUrl: z.url({ message: "NEXT_PUBLIC_SUPABASE_URL must be the URL of a Supabase project (see .env.example)" }),
  supabaseAnonKey: z.string().min(1, "NEXT_PUBLIC_SUPABASE_ANON_KEY is missing (see .env.example)"),
});

export type PublicEnv = z.infer<typeof publicEnvSchema>;

/** Safe in the browser: Next inlines NEXT_PUBLIC_* variables when they are named literally. */
export function publicEnv(): PublicEnv {
  return publicEnvSchema.parse({
    supabaseUrl: process.env.NEXT_PUBLIC_SUPABASE_URL,
    supabaseAnonKey: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
  });
}

/** Server only: the service-role key bypasses RLS. */
export function serviceRoleKey(): string {
  return z
    .string()
    .min(1, "SUPABASE_SERVICE_ROLE_KEY is missing (see .env.example)")
    .parse(process.env.SUPABASE_SERVICE_ROLE_KEY);
}

/** The app talks to the local stack (`npm run dev`): the demo accounts exist and may be shown. */
export function usesLocalStack(): boolean {
  const { hostname } = new URL(publicEnv().supabaseUrl);
  return hostname === "127.0.0.1" || hostname === "localhost";
}
