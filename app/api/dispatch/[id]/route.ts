import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { deleteDispatch, updateDispatch } from "@/lib/queries/dispatch";
import { updateDispatchSchema } from "@/lib/validations/dispatch";
import { idParamsSchema } from "@/lib/validations/params";

// Status lifecycle (pending → ongoing → completed, or cancelled) is enforced by the database.
export const PATCH = authenticated({ params: idParamsSchema, body: updateDispatchSchema }, async ({ supabase, params, body }) =>
  NextResponse.json({ data: await updateDispatch(supabase, params.id, body), message: "Dispatch updated." }),
);

export const DELETE = authenticated({ params: idParamsSchema }, async ({ supabase, params }) =>
  NextResponse.json({ data: await deleteDispatch(supabase, params.id), message: "Dispatch deleted." }),
);
