// Session cookies exactly as the app's @supabase/ssr server client writes them, for calling the
// app's routes (fetch) and pages (Chromium) as a signed-in user.
import { createServerClient } from "@supabase/ssr";
import { inject } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";
import { memberOf } from "./factories";
import { TEST_PASSWORD, stack } from "./supabase";

export interface Cookie {
  name: string;
  value: string;
}

export const appUrl = () => inject("nextUrl");

export function storageKey(): string {
  return `sb-${new URL(stack().apiUrl).hostname.split(".")[0]}-auth-token`;
}

export async function signInCookies(email: string, password: string): Promise<Cookie[]> {
  let jar: Cookie[] = [];
  const supabase = createServerClient(stack().apiUrl, stack().anonKey, {
    realtime: serverRealtime,
    cookies: {
      getAll: () => jar,
      setAll: (cookies) => {
        const names = new Set(cookies.map((cookie) => cookie.name));
        jar = [...jar.filter((cookie) => !names.has(cookie.name)), ...cookies.filter((cookie) => cookie.value !== "")];
      },
    },
  });
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return jar;
}

/** fetch against the app, optionally as the owner of `cookies`. */
export function callApp(path: string, init: RequestInit & { cookies?: Cookie[] } = {}): Promise<Response> {
  const { cookies, headers, ...rest } = init;
  const cookieHeader = cookies?.map(({ name, value }) => `${name}=${value}`).join("; ");
  return fetch(`${appUrl()}${path}`, {
    ...rest,
    headers: { ...(cookieHeader ? { cookie: cookieHeader } : {}), ...(headers as Record<string, string> | undefined) },
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
