// The session cookie as the browser keeps it. HttpOnly: no code in the browser reads the session
// (the layout hands the page its access token; lib/supabase/client.ts is Realtime only), so a
// script injected into a page cannot steal it. SameSite=Lax: other sites' forms and fetches go
// without it. Secure in production, where the app is served over HTTPS.
export const SESSION_COOKIE_OPTIONS = {
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production",
  path: "/",
} as const;
