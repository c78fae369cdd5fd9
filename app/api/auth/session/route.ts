import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/handler";
import { unauthorized } from "@/lib/errors";
import { createClient } from "@/lib/supabase/server";

// Seed 001's session check: public route, 401 without a session.
export async function GET(): Promise<NextResponse> {
  try {
    const supabase = await createClient();
    const { data } = await supabase.auth.getClaims();
    const userId = data?.claims.sub;
    if (!userId) throw unauthorized();
    return NextResponse.json({ userId, isAuthenticated: true, timestamp: new Date().toISOString() });
  } catch (error) {
    return errorResponse(error);
  }
}
