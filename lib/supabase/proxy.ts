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
    return NextResponse.redirect(new URL("/", request.url));
  }
  return response;
}

/** Pages that need a signed-in user. (API routes check the session themselves.) */
export function isProtected(pathname: string): boolean {
  return pathname === "/dashboard" || pathname.startsWith("/dashboard/");
}
