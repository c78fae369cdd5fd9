import { z } from "zod";
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
