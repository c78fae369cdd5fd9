import { NextResponse } from "next/server";
import { authenticated, parseBody, parseQuery } from "@/lib/api/handler";
import { fromZod } from "@/lib/errors";
import { clearInventoryDay, correctInventory, type SnapshotKey } from "@/lib/queries/inventory";
import { inventoryCorrectionSchema, inventorySnapshotIdSchema } from "@/lib/validations/inventory";
import { noQuerySchema } from "@/lib/validations/sites";

// /api/inventory/<siteId>:<materialId>:<date>, the id GET /api/inventory gives each snapshot.
function keyOf(params: { id: string }): SnapshotKey {
  const parsed = inventorySnapshotIdSchema.safeParse(params);
  if (!parsed.success) throw fromZod(parsed.error, "The id must be <siteId>:<materialId>:<date>.");
  return parsed.data.id;
}

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
