import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { deleteDispatch, updateDispatch } from "@/lib/queries/dispatch";
import { syncSheetsAfterResponse } from "@/lib/sheets/sync";
import { updateDispatchSchema } from "@/lib/validations/dispatch";
import { idParamsSchema } from "@/lib/validations/params";
import { otherMethods } from "@/lib/api/methods";

// Status lifecycle (pending → ongoing → completed, or cancelled) is enforced by the database.
export const PATCH = authenticated({ params: idParamsSchema, body: updateDispatchSchema }, async ({ supabase, params, body }) => {
  const data = await updateDispatch(supabase, params.id, body);
  syncSheetsAfterResponse();
  return NextResponse.json({ data, message: "Dispatch updated." });
});

export const DELETE = authenticated({ params: idParamsSchema }, async ({ supabase, params }) => {
  const data = await deleteDispatch(supabase, params.id);
  syncSheetsAfterResponse();
  return NextResponse.json({ data, message: "Dispatch deleted." });
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
