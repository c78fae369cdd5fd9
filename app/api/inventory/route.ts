import { NextResponse } from "next/server";
import { authenticated, parseBody, parseQuery } from "@/lib/api/handler";
import { inventorySnapshots, recordInventory } from "@/lib/queries/inventory";
import { inventoryEntrySchema, inventoryQuerySchema } from "@/lib/validations/inventory";

export const GET = authenticated(async ({ request, supabase }) => {
  const query = parseQuery(request, inventoryQuerySchema);
  return NextResponse.json({ inventorySnapshots: await inventorySnapshots(supabase, query) });
});

export const POST = authenticated(async ({ request, supabase }) => {
  const input = await parseBody(request, inventoryEntrySchema);
  return NextResponse.json(await recordInventory(supabase, input), { status: 201 });
});
