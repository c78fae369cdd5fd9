// The well-known values of the Supabase CLI's local stack. They are public by design: using the
// same ones makes `.env.local` interchangeable between `npm run stack` and `supabase start`.
// Never use them for a hosted project.

export const LOCAL_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

export const LOCAL_ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";

export const LOCAL_SERVICE_ROLE_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";

export const DEFAULT_API_PORT = 54321;
export const DEFAULT_DB_PORT = 54322;

/** Superuser credentials of the local database, as the Supabase CLI's database has them. */
export const DB_SUPERUSER = "postgres";
export const DB_PASSWORD = "postgres";

/** PostgREST logs in as `authenticator` and switches to the role named in the JWT. */
export const AUTHENTICATOR_ROLE = "authenticator";

/** GoTrue's defaults (JWT_EXP, refresh token reuse interval), as the Supabase CLI sets them. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_REUSE_INTERVAL_SECONDS = 10;
