import { z } from "zod";
import { siteRangeQuerySchema } from "@/lib/validations/logs";

const day = z.union([z.iso.date(), z.iso.datetime({ offset: true }).transform((value) => value.slice(0, 10))]);
const tons = z.number().min(-999_999_999).max(999_999_999);

export const inventoryQuerySchema = siteRangeQuerySchema(1000);

/**
 * Seed 001's snapshot body. DeskOps computes produced, received and dispatched from the logs, so
 * those may only be 0 here; what people record is an opening balance, a count (closingTon) or an
 * adjustment.
 */
export const inventoryEntrySchema = z
  .strictObject({
    siteId: z.uuid(),
    date: day,
    materialId: z.uuid(),
    openingTon: tons.min(0),
    producedTon: z.literal(0).optional(),
    receivedTon: z.literal(0).optional(),
    dispatchedTon: z.literal(0).optional(),
    adjustmentTon: tons,
    closingTon: tons.min(0).optional(),
    notes: z.string().trim().max(1000).nullish(),
  })
  .refine((entry) => entry.openingTon > 0 || entry.adjustmentTon !== 0 || entry.closingTon !== undefined, {
    message: "Record an opening balance, an adjustment or a count (closingTon)",
    path: ["openingTon"],
  });
