"use server";

import { recordInventoryAction } from "@/lib/actions/inventory";

export async function recordInventory(input: unknown) {
  return recordInventoryAction(input);
}
