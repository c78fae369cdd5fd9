import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { backfillSheets } from "@/lib/queries/sheets";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { backfillSheetsSchema } from "@/lib/validations/sheets";
import { otherMethods } from "@/lib/api/methods";

/** Every dispatch of the range, sent to the sheet again as an upsert (twice changes nothing there). */
export const POST = authenticated({ body: backfillSheetsSchema }, async ({ supabase, body }) => {
  const queued = await backfillSheets(supabase, body);
  syncSheetsAfterResponse();
  return NextResponse.json({ queued, message: `${queued} dispatch(es) queued for the sheet.` }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
