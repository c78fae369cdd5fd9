import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { inventorySnapshots, recordInventory } from "@/lib/queries/inventory";
import { inventoryEntrySchema, inventoryQuerySchema } from "@/lib/validations/inventory";
import { otherMethods } from "@/lib/api/methods";

export const GET = authenticated({ query: inventoryQuerySchema }, async ({ supabase, query }) =>
  NextResponse.json({ inventorySnapshots: await inventorySnapshots(supabase, query) }),
);

export const POST = authenticated({ body: inventoryEntrySchema }, async ({ supabase, body }) =>
  NextResponse.json(await recordInventory(supabase, body), { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
