// Session cookies exactly as the app's @supabase/ssr server client writes them, for calling the
// app's routes (fetch) and pages (Chromium) as a signed-in user.
import { combineChunks, createChunks, stringFromBase64URL, stringToBase64URL } from "@supabase/ssr";
import { inject } from "vitest";
import { signJwt, type JwtClaims } from "@/local/jwt";
import { cookieHeader, signInCookies as signInWithPassword, type Cookie } from "@/local/session-cookies";
import { memberOf } from "./factories";
import { TEST_PASSWORD, stack } from "./supabase";

export type { Cookie };

export const appUrl = () => inject("nextUrl");

export function storageKey(): string {
  return `sb-${new URL(stack().apiUrl).hostname.split(".")[0]}-auth-token`;
}

export const signInCookies = (email: string, password: string): Promise<Cookie[]> =>
  signInWithPassword(stack().apiUrl, stack().anonKey, email, password);

/** fetch against the app, optionally as the owner of `cookies`. */
export function callApp(path: string, init: RequestInit & { cookies?: Cookie[] } = {}): Promise<Response> {
  const { cookies, headers, ...rest } = init;
  return fetch(`${appUrl()}${path}`, {
    ...rest,
    headers: { ...(cookies?.length ? { cookie: cookieHeader(cookies) } : {}), ...(headers as Record<string, string> | undefined) },
    redirect: "manual",
  });
}

export type CrewRole = "manager" | "operator" | "viewer" | "outsider";

/** Session cookies of a manager, operator and viewer of `siteId`, and a manager of `otherSiteId`. */
export async function crewCookies(siteId: string, otherSiteId: string): Promise<Record<CrewRole, Cookie[]>> {
  const users = {
    manager: await memberOf(siteId, "manager"),
    operator: await memberOf(siteId, "operator"),
    viewer: await memberOf(siteId, "viewer"),
    outsider: await memberOf(otherSiteId, "manager", "outsider"),
  };
  const entries = await Promise.all(
    Object.entries(users).map(async ([role, user]) => [role, await signInCookies(user.email, TEST_PASSWORD)] as const),
  );
  return Object.fromEntries(entries) as Record<CrewRole, Cookie[]>;
}

const BASE64_PREFIX = "base64-";

interface StoredSession {
  access_token: string;
  expires_at?: number;
  [field: string]: unknown;
}

/** The session @supabase/ssr keeps in (possibly chunked) cookies. */
export async function sessionFromCookies(cookies: Cookie[]): Promise<StoredSession> {
  const raw = await combineChunks(storageKey(), (name) => cookies.find((cookie) => cookie.name === name)?.value);
  if (!raw?.startsWith(BASE64_PREFIX)) throw new Error("no session in these cookies");
  return JSON.parse(stringFromBase64URL(raw.slice(BASE64_PREFIX.length))) as StoredSession;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as JwtClaims;

/**
 * The same session with an access token re-signed by the stack's key after `change` rewrote its
 * claims: an expired token, another database role, a test-only claim.
 */
export async function withAccessTokenClaims(cookies: Cookie[], change: (claims: JwtClaims) => JwtClaims): Promise<Cookie[]> {
  const session = await sessionFromCookies(cookies);
  const header = JSON.parse(Buffer.from(session.access_token.split(".")[0] ?? "", "base64url").toString()) as { alg?: string };
  const claims = change(claimsOf(session.access_token));
  const accessToken = signJwt(claims, stack().jwtSecret, header.alg === "ES256" ? "ES256" : "HS256");
  return withStoredSession(cookies, (stored) => ({ ...stored, access_token: accessToken, ...(typeof claims.exp === "number" ? { expires_at: claims.exp } : {}) }));
}

/** The same cookies holding the session `change` made of theirs (a refresh token nobody issued, say). */
export async function withStoredSession(cookies: Cookie[], change: (session: StoredSession) => StoredSession): Promise<Cookie[]> {
  const session = change(await sessionFromCookies(cookies));
  return createChunks(storageKey(), BASE64_PREFIX + stringToBase64URL(JSON.stringify(session)));
}
