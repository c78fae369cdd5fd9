import { z } from "zod";
import { INVENTORY_ENTRY_KINDS } from "@/lib/constants";
import { calendarDay, dayOrDateTime, notes, tonnes as tons } from "@/lib/validations/common";
import { siteRangeQuerySchema } from "@/lib/validations/logs";

export const inventoryQuerySchema = siteRangeQuerySchema(1000);

/**
 * Seed 001's snapshot body. DeskOps computes produced, received and dispatched from the logs, so
 * those may only be 0 here; what people record is an opening balance, a count (closingTon) or an
 * adjustment.
 */
export const inventoryEntrySchema = z
  .strictObject({
    siteId: z.uuid(),
    date: dayOrDateTime,
    materialId: z.uuid(),
    openingTon: tons.min(0),
    producedTon: z.literal(0).optional(),
    receivedTon: z.literal(0).optional(),
    dispatchedTon: z.literal(0).optional(),
    adjustmentTon: tons,
    closingTon: tons.min(0).optional(),
    notes,
  })
  .refine((entry) => entry.openingTon > 0 || entry.adjustmentTon !== 0 || entry.closingTon !== undefined, {
    message: "Record an opening balance, an adjustment or a count (closingTon)",
    path: ["openingTon"],
  });

/** A snapshot's id as GET /api/inventory gives it: `<siteId>:<materialId>:<date>`. */
export const inventorySnapshotIdSchema = z.strictObject({
  id: z
    .string()
    .transform((id) => id.split(":"))
    .pipe(z.tuple([z.uuid(), z.uuid(), calendarDay]))
    .transform(([siteId, materialId, date]) => ({ siteId, materialId, date })),
});

/**
 * A correction of one snapshot: each field given sets what was recorded for the day (null removes
 * it); the produced, received and dispatched tonnes still come from the logs.
 */
export const inventoryCorrectionSchema = z
  .strictObject({
    openingTon: tons.min(0).nullable().optional(),
    adjustmentTon: tons.nullable().optional(),
    closingTon: tons.min(0).nullable().optional(),
    notes,
  })
  .refine((entry) => entry.openingTon !== undefined || entry.adjustmentTon !== undefined || entry.closingTon !== undefined, {
    message: "Send openingTon, adjustmentTon or closingTon to change",
    path: ["openingTon"],
  });

export type InventoryEntry = z.infer<typeof inventoryEntrySchema>;
export type InventoryCorrection = z.infer<typeof inventoryCorrectionSchema>;
export type SnapshotKey = z.infer<typeof inventorySnapshotIdSchema>["id"];

/**
 * The inventory page's form: one figure for one material and day. An opening balance or a count
 * sets the day's figure (a second count corrects the first); an adjustment adds to the day's and
 * must say why.
 */
export const inventoryFormSchema = z
  .strictObject({
    siteId: z.uuid(),
    materialId: z.uuid({ message: "Choose a material" }),
    date: calendarDay,
    kind: z.enum(INVENTORY_ENTRY_KINDS),
    tonnes: tons,
    reason: z.string().trim().max(1000, "At most 1000 characters").optional(),
  })
  .refine((form) => form.kind === "adjustment" || form.tonnes >= 0, { message: "A balance or count cannot be negative", path: ["tonnes"] })
  .refine((form) => form.kind !== "adjustment" || form.tonnes !== 0, { message: "An adjustment of 0 changes nothing", path: ["tonnes"] })
  .refine((form) => form.kind !== "adjustment" || Boolean(form.reason), { message: "Say why the stock is adjusted", path: ["reason"] });

export type InventoryForm = z.infer<typeof inventoryFormSchema>;
