// Refreshes the Supabase session on every request that passes through proxy.ts, so Server
// Components always see a valid access token and the browser gets the rotated cookies.
import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import type { Database } from "@/lib/database.types";
import { publicEnv } from "@/lib/env";
import { serverRealtime } from "@/lib/supabase/server-transport";

export async function updateSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const { supabaseUrl, supabaseAnonKey } = publicEnv();
  const supabase = createServerClient<Database>(supabaseUrl, supabaseAnonKey, {
    realtime: serverRealtime,
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
  if (!data?.claims.sub && isProtected(request.nextUrl.pathname)) {
    if (request.nextUrl.pathname.startsWith("/api/")) {
      return NextResponse.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401 });
    }
    return NextResponse.redirect(new URL("/", request.url));
  }
  return response;
}

// Public: the health check, the session check and webhooks (they prove themselves by signature).
const PUBLIC_API = [/^\/api\/hello\/?$/, /^\/api\/auth\/session\/?$/, /^\/api\/webhooks\//];

/** /dashboard/** and /api/** need a signed-in user, except the public API routes. */
export function isProtected(pathname: string): boolean {
  if (pathname === "/dashboard" || pathname.startsWith("/dashboard/")) return true;
  return pathname.startsWith("/api/") && !PUBLIC_API.some((pattern) => pattern.test(pathname));
}
