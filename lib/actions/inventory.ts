// The inventory page's form, on the same queries as PUT /api/inventory/[id] and POST /api/inventory.
import "server-only";
import { runAction } from "@/lib/actions/run";
import { PAGES } from "@/lib/navigation";
import { correctInventory, recordInventory } from "@/lib/queries/inventory";
import { inventoryFormSchema } from "@/lib/validations/inventory";

export function recordInventoryAction(input: unknown) {
  return runAction("record inventory", [PAGES.inventory, PAGES.dashboard], async (supabase) => {
    const form = inventoryFormSchema.parse(input);
    const key = { siteId: form.siteId, materialId: form.materialId, date: form.date };
    const notes = form.reason || undefined;
    const snapshot =
      form.kind === "adjustment"
        ? await recordInventory(supabase, { ...key, openingTon: 0, adjustmentTon: form.tonnes, notes })
        : await correctInventory(supabase, key, form.kind === "opening" ? { openingTon: form.tonnes, notes } : { closingTon: form.tonnes, notes });
    return { closingTon: snapshot?.closingTon ?? null };
  });
}
