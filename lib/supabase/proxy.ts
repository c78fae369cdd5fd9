// Refreshes the Supabase session on every request that passes through proxy.ts, so Server
// Components always see a valid access token and the browser gets the rotated cookies.
import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import type { Database } from "@/lib/database.types";
import { publicEnv } from "@/lib/env";
import { safeNextPath, sameHostUrl } from "@/lib/navigation";
import { SESSION_COOKIE_OPTIONS } from "@/lib/supabase/cookies";
import { serverRealtime } from "@/lib/supabase/server-transport";

export async function updateSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const { supabaseUrl, supabaseAnonKey } = publicEnv();
  const supabase = createServerClient<Database>(supabaseUrl, supabaseAnonKey, {
    realtime: serverRealtime,
    cookieOptions: SESSION_COOKIE_OPTIONS,
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (cookiesToSet) => {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
      },
    },
  });
  // IMPORTANT: nothing may run between creating the client and this call, or sessions can be
  // lost at random. getClaims() verifies the token and refreshes it when it has expired.
  const { data } = await supabase.auth.getClaims();
  const signedIn = Boolean(data?.claims.sub);
  const { pathname, search } = request.nextUrl;
  // A server action answers "sign in again" itself (the page keeps what was typed); redirecting
  // its POST would hand the action's caller a login page instead of an answer.
  const isServerAction = request.headers.has("next-action");
  if (!signedIn && !isPublic(pathname) && !isServerAction) {
    const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return redirectKeepingCookies(request, response, `/login${next}`);
  }
  if (signedIn && pathname === "/login") {
    return redirectKeepingCookies(request, response, safeNextPath(request.nextUrl.searchParams.get("next")));
  }
  return response;
}

/** Pages anyone may open; every other page needs a signed-in user. (API routes check the session themselves.) */
export function isPublic(pathname: string): boolean {
  return ["/login", "/forgot-password", "/reset-password"].includes(pathname) || pathname.startsWith("/auth/");
}

// A refreshed (or cleared) session must reach the browser even when the answer is a redirect.
function redirectKeepingCookies(request: NextRequest, response: NextResponse, target: string): NextResponse {
  const redirect = NextResponse.redirect(sameHostUrl(request, target));
  for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
  return redirect;
}
