import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { otherMethods } from "@/lib/api/methods";
import { restoreDeletedRow } from "@/lib/queries/activity";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { auditedRowSchema } from "@/lib/validations/audit";

// Brings a deleted row back from its audit entry: 201 { row }; 404 nothing to restore (or not a
// manager of its site), 409 already back.
export const POST = authenticated({ params: auditedRowSchema }, async ({ supabase, params }) => {
  const row = await restoreDeletedRow(supabase, params.table, params.id);
  // A restored dispatch goes back to the Google Sheet.
  if (params.table === "dispatches") syncSheetsAfterResponse();
  return NextResponse.json({ row }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
