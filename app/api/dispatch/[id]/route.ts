import { NextResponse } from "next/server";
import { authenticated, parseBody, parseParams, parseQuery } from "@/lib/api/handler";
import { deleteDispatch, updateDispatch } from "@/lib/queries/dispatch";
import { updateDispatchSchema } from "@/lib/validations/dispatch";
import { idParamsSchema, noQuerySchema } from "@/lib/validations/params";

const dispatchId = (params: { id: string }) => parseParams(params, idParamsSchema, "The dispatch id is not valid.").id;

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
