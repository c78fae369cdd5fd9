import { NextResponse } from "next/server";
import { authenticated, parseBody, parseParams, parseQuery } from "@/lib/api/handler";
import { clearInventoryDay, correctInventory } from "@/lib/queries/inventory";
import { inventoryCorrectionSchema, inventorySnapshotIdSchema } from "@/lib/validations/inventory";
import { noQuerySchema } from "@/lib/validations/params";

// /api/inventory/<siteId>:<materialId>:<date>, the id GET /api/inventory gives each snapshot.
const keyOf = (params: { id: string }) => parseParams(params, inventorySnapshotIdSchema, "The id must be <siteId>:<materialId>:<date>.").id;

export const PATCH = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
  parseQuery(request, noQuerySchema);
  const key = keyOf(params);
  const correction = await parseBody(request, inventoryCorrectionSchema);
  return NextResponse.json(await correctInventory(supabase, key, correction));
});

export const DELETE = authenticated<{ id: string }>(async ({ request, supabase, params }) => {
  parseQuery(request, noQuerySchema);
  await clearInventoryDay(supabase, keyOf(params));
  return NextResponse.json({ success: true });
});
