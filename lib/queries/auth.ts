// Who is signed in, from the session in the request's cookies. getClaims() verifies the access
// token locally when the project signs with asymmetric keys (ES256 here and on new projects).
import type { Supabase } from "@/lib/supabase/types";

export interface SessionUser {
  id: string;
  email: string | null;
}

export async function sessionUser(supabase: Supabase): Promise<SessionUser | null> {
  const { data } = await supabase.auth.getClaims();
  const claims = data?.claims;
  if (!claims?.sub) return null;
  return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : null };
}

/** Why a sign-in or password change failed, as a person can act on it. */
export type AuthFailure = "invalid_credentials" | "rate_limited" | "weak_password" | "same_password" | "link_expired" | "unavailable";

export interface AuthOutcome {
  ok: boolean;
  failure?: AuthFailure;
}

interface AuthErrorLike {
  status?: number;
  code?: string;
  name?: string;
}

/** GoTrue's answers, grouped by what the user can do about them. */
export function authFailureOf(error: AuthErrorLike): AuthFailure {
  // A network failure or a 5xx: supabase-js calls these retryable (status 0 when nothing answered).
  if (error.name === "AuthRetryableFetchError" || !error.status || error.status >= 500) return "unavailable";
  if (error.status === 429 || error.code === "over_request_rate_limit" || error.code === "over_email_send_rate_limit") return "rate_limited";
  if (error.code === "weak_password") return "weak_password";
  if (error.code === "same_password") return "same_password";
  if (error.code === "otp_expired" || error.code === "flow_state_expired" || error.code === "flow_state_not_found" || error.code === "bad_code_verifier") return "link_expired";
  return "invalid_credentials";
}

const outcome = (error: AuthErrorLike | null): AuthOutcome => (error ? { ok: false, failure: authFailureOf(error) } : { ok: true });

export async function signInWithPassword(supabase: Supabase, email: string, password: string): Promise<AuthOutcome> {
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  return outcome(error);
}

export async function signOut(supabase: Supabase): Promise<void> {
  // Only this browser's session: signing out on a tablet must not end the desk's.
  await supabase.auth.signOut({ scope: "local" });
}

/** Mails a recovery link that comes back to `redirectTo` (GoTrue answers the same for unknown emails). */
export async function requestPasswordReset(supabase: Supabase, email: string, redirectTo: string): Promise<AuthOutcome> {
  const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo });
  return outcome(error);
}

/** The session an email link carries: a PKCE code (Supabase's default) or a token hash (custom templates). */
export async function sessionFromEmailLink(supabase: Supabase, link: { code?: string; tokenHash?: string; type?: string }): Promise<AuthOutcome> {
  if (link.code) return outcome((await supabase.auth.exchangeCodeForSession(link.code)).error);
  if (link.tokenHash && link.type === "recovery") return outcome((await supabase.auth.verifyOtp({ token_hash: link.tokenHash, type: "recovery" })).error);
  return { ok: false, failure: "link_expired" };
}

export async function updatePassword(supabase: Supabase, password: string): Promise<AuthOutcome> {
  const { error } = await supabase.auth.updateUser({ password });
  return outcome(error);
}

export interface AccessToken {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * The signed-in user's access token, refreshed first if it has expired: what the browser's
 * Realtime connection authenticates with (RLS judges its channels by it). Null when signed out.
 */
export async function currentAccessToken(supabase: Supabase): Promise<AccessToken | null> {
  // getClaims() verifies the token and refreshes an expired one; only then is the stored session
  // the user's own and current.
  if (!(await sessionUser(supabase))) return null;
  const { data } = await supabase.auth.getSession();
  const session = data.session;
  return session ? { token: session.access_token, expiresAt: session.expires_at ?? Math.floor(Date.now() / 1000) + 60 } : null;
}

/**
 * Password guessing, limited per client address (public.sign_in_wait_seconds: 20 failures in 5
 * minutes). Asked with the service role before each sign-in; GoTrue's own per-address limit sees
 * only the app's server. Null when the check cannot be made (the database is not answering).
 */
export async function signInWaitSeconds(admin: Supabase, clientAddress: string): Promise<number | null> {
  const { data, error } = await admin.rpc("sign_in_wait_seconds", { client_address: clientAddress });
  return error ? null : data;
}

/** A failed sign-in from the address, counted against its allowance. */
export async function noteFailedSignIn(admin: Supabase, clientAddress: string): Promise<void> {
  await admin.rpc("note_failed_sign_in", { client_address: clientAddress });
}
