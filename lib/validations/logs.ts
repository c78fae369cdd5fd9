// Seed 001's bodies for the site logs (camelCase), checked against the catalogue's lists here and
// against the catalogue's rows by the database (an unknown material, machine or role is a 400).
import { z } from "zod";
import { OPERATION_TYPES, SHIFTS } from "@/lib/constants";

/** A calendar day, as a date or as a timestamp whose date part counts (seed 001 sends both). */
export const day = z.union([z.iso.date(), z.iso.datetime({ offset: true }).transform((value) => value.slice(0, 10))]);
export const notes = z.string().trim().max(1000).nullish();

export const productionSchema = z.strictObject({
  siteId: z.uuid(),
  date: day,
  materialId: z.uuid(),
  operation: z.enum(OPERATION_TYPES),
  qtyTon: z.number().positive().max(999_999_999),
  shift: z.enum(SHIFTS).nullish(),
  notes,
});

export const receivedSchema = z.strictObject({
  siteId: z.uuid(),
  date: day,
  materialId: z.uuid(),
  qtyTon: z.number().positive().max(999_999_999),
  source: z.string().trim().max(200).nullish(),
  vehicleRef: z.string().trim().max(50).nullish(),
  notes,
});

export const equipmentLogSchema = z.strictObject({
  siteId: z.uuid(),
  date: day,
  equipmentId: z.uuid(),
  hoursRun: z.number().min(0).max(24),
  hoursDown: z.number().min(0).max(24).optional(),
  fuelLiters: z.number().min(0).nullish(),
  notes,
});

export const manpowerLogSchema = z.strictObject({
  siteId: z.uuid(),
  date: day,
  roleId: z.uuid(),
  headcount: z.number().int().min(1).max(10_000),
  hours: z.number().min(0),
  shift: z.enum(SHIFTS).nullish(),
  notes,
});

/** ?siteId=&dateFrom=&dateTo= with paging, as seed 001's list routes take it. */
export function siteRangeQuerySchema(defaultLimit: number) {
  return z
    .strictObject({
      siteId: z.uuid({ message: "siteId parameter required" }),
      dateFrom: day.optional(),
      dateTo: day.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(defaultLimit),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    })
    .refine((query) => !(query.dateFrom && query.dateTo && query.dateFrom > query.dateTo), {
      message: "dateFrom must be less than or equal to dateTo",
      path: ["dateFrom"],
    });
}

export const logQuerySchema = siteRangeQuerySchema(50);
