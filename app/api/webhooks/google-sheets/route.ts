import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/handler";
import { forwardWebhook } from "@/lib/sheets/sync";
import { otherMethods } from "@/lib/api/methods";

/**
 * Seed 000's webhook: { data, action, sheet }, or an edit made in the sheet, signed with
 * ?ts=…&sig=… (integrations/google-sheets/README.md). No session: the signature is the caller's
 * proof. The Edge Function google-sheets checks it and answers.
 */
export async function POST(request: NextRequest): Promise<Response> {
  try {
    return await forwardWebhook(await request.text(), request.nextUrl.search);
  } catch (error) {
    return errorResponse(error, request);
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
