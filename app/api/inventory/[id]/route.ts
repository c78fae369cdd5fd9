import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { clearInventoryDay, correctInventory } from "@/lib/queries/inventory";
import { inventoryCorrectionSchema, inventorySnapshotIdSchema } from "@/lib/validations/inventory";
import { otherMethods } from "@/lib/api/methods";

// /api/inventory/<siteId>:<materialId>:<date>, the id GET /api/inventory gives each snapshot.
export const PATCH = authenticated({ params: inventorySnapshotIdSchema, body: inventoryCorrectionSchema }, async ({ supabase, params, body }) =>
  NextResponse.json(await correctInventory(supabase, params.id, body)),
);

export const DELETE = authenticated({ params: inventorySnapshotIdSchema }, async ({ supabase, params }) => {
  await clearInventoryDay(supabase, params.id);
  return NextResponse.json({ success: true });
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
