import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { sheetsSyncStatus } from "@/lib/queries/sheets";
import { reconcileSheet } from "@/lib/sheets/sync";
import { otherMethods } from "@/lib/api/methods";

/** Reads the sheet, compares it with dispatches and queues a repair for every drift; the report. */
export const POST = authenticated({}, async ({ supabase }) => {
  // Admins and managers only: the status read refuses everyone else (403).
  await sheetsSyncStatus(supabase);
  return NextResponse.json({ report: await reconcileSheet() });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
