import type { NextRequest } from "next/server";
import { updateSession } from "@/lib/supabase/proxy";

export async function proxy(request: NextRequest) {
  return updateSession(request);
}

export const config = {
  // Pages only. IMPORTANT: /api is left to the route wrapper (lib/api/handler.ts), which verifies
  // the session (and refreshes its cookies) itself: checking it here too cost every API call a
  // second verification. Static assets and images need no session.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)"],
};
