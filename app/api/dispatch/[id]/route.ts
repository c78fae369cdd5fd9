import { NextResponse } from "next/server";
import { authenticated, parseBody, parseQuery } from "@/lib/api/handler";
import { fromZod } from "@/lib/errors";
import { deleteDispatch, updateDispatch } from "@/lib/queries/dispatch";
import { dispatchIdSchema, updateDispatchSchema } from "@/lib/validations/dispatch";
import { noQuerySchema } from "@/lib/validations/sites";

function dispatchId(params: { id: string }): string {
  const parsed = dispatchIdSchema.safeParse(params);
  if (!parsed.success) throw fromZod(parsed.error, "The dispatch id is not valid.");
  return parsed.data.id;
}

// Status lifecycle (pending → ongoing → completed, or cancelled) is enforced by the database.
export const PATCH = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
  parseQuery(request, noQuerySchema);
  const id = dispatchId(params);
  const patch = await parseBody(request, updateDispatchSchema);
  return NextResponse.json({ data: await updateDispatch(supabase, id, patch), message: "Dispatch updated." });
});

export const DELETE = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
  parseQuery(request, noQuerySchema);
  const id = dispatchId(params);
  return NextResponse.json({ data: await deleteDispatch(supabase, id), message: "Dispatch deleted." });
});
