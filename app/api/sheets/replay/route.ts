import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { replayDeadSheetsEvents } from "@/lib/queries/sheets";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { otherMethods } from "@/lib/api/methods";

/** Dead events get their attempts back and go again now. */
export const POST = authenticated({}, async ({ supabase }) => {
  const replayed = await replayDeadSheetsEvents(supabase);
  syncSheetsAfterResponse();
  return NextResponse.json({ replayed, message: `${replayed} event(s) queued again.` });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
