// Where an email link lands (password recovery): it trades the link's code or token hash for a
// session cookie, then continues to `next`. A used or expired link goes back to the form that
// asks for a new one, saying why.
import { NextResponse, type NextRequest } from "next/server";
import { safeNextPath, sameHostUrl } from "@/lib/navigation";
import { sessionFromEmailLink } from "@/lib/queries/auth";
import { createClient } from "@/lib/supabase/server";

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const result = await sessionFromEmailLink(await createClient(), {
    code: params.get("code") ?? undefined,
    tokenHash: params.get("token_hash") ?? undefined,
    type: params.get("type") ?? undefined,
  });
  const target = result.ok ? safeNextPath(params.get("next")) : `/forgot-password?error=${result.failure ?? "link_expired"}`;
  return NextResponse.redirect(sameHostUrl(request, target));
}
