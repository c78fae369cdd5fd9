// Session cookies exactly as the app's @supabase/ssr server client writes them, for calling the
// app's routes (fetch) and pages (Chromium) as a signed-in user.
import { inject } from "vitest";
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
