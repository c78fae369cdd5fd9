import { NextResponse, type NextRequest } from "next/server";
import { NONCE_HEADER, newNonce, pagePolicy } from "@/lib/csp";
import { publicEnv } from "@/lib/env";
import { updateSession } from "@/lib/supabase/proxy";

export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) return malformedApiPath(request) ?? NextResponse.next();
  // A fresh nonce per page: Next reads the policy from the request and puts the nonce on its
  // scripts; the layout hands it to next-themes' inline script.
  const nonce = newNonce();
  const policy = pagePolicy(nonce, publicEnv().supabaseUrl, process.env.NODE_ENV === "development");
  request.headers.set(NONCE_HEADER, nonce);
  request.headers.set("content-security-policy", policy);
  const response = await updateSession(request);
  response.headers.set("content-security-policy", policy);
  return response;
}

/** An /api address whose %-escapes do not decode: the API's 400 in its error shape, not Next's plain one. */
function malformedApiPath(request: NextRequest): NextResponse | null {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return null;
  } catch {
    return NextResponse.json({ message: "The address is not valid: a %-escape in it does not decode.", code: "VALIDATION_ERROR" }, { status: 400 });
  }
}

export const config = {
  // Pages, and only those /api addresses that hold a %-escape (Next answers one that does not
  // decode with a plain-text 400 before any route runs). IMPORTANT: /api is otherwise left to the
  // route wrapper (lib/api/handler.ts), which verifies the session
  // (and refreshes its cookies) itself: checking it here too cost every API call a second
  // verification. Static assets and images need no session.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)", "/api/:path(.*%.*)"],
};
