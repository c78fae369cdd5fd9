import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/handler";
import { unauthorized } from "@/lib/errors";
import { sessionUser } from "@/lib/queries/auth";
import { createClient } from "@/lib/supabase/server";
import { otherMethods } from "@/lib/api/methods";

// Seed 001's session check: public route, 401 without a session.
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    const user = await sessionUser(await createClient());
    if (!user) throw unauthorized();
    return NextResponse.json({ userId: user.id, isAuthenticated: true, timestamp: new Date().toISOString() });
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
