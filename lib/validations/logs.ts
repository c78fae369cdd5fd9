// Seed 001's bodies for the site logs (camelCase in, the table's snake_case columns out), checked
// against the catalogue's lists here and against the catalogue's rows by the database (an unknown
// material, machine or role is a 400).
import { z } from "zod";
import { snakeKeys } from "@/lib/case";
import { OPERATION_TYPES, SHIFTS } from "@/lib/constants";
import { CHANGE_SOMETHING, changesSomething, dayOrDateTime, notes, pageLimit, pageOffset, tonnes } from "@/lib/validations/common";

const producedTonnes = tonnes.positive("Enter more than 0 tonnes");

export const productionFields = z.strictObject({
  siteId: z.uuid(),
  date: dayOrDateTime,
  materialId: z.uuid(),
  operation: z.enum(OPERATION_TYPES),
  qtyTon: producedTonnes,
  shift: z.enum(SHIFTS).nullish(),
  notes,
});

export const receivedFields = z.strictObject({
  siteId: z.uuid(),
  date: dayOrDateTime,
  materialId: z.uuid(),
  qtyTon: producedTonnes,
  source: z.string().trim().max(200).nullish(),
  vehicleRef: z.string().trim().max(50).nullish(),
  notes,
});

export const equipmentLogFields = z.strictObject({
  siteId: z.uuid(),
  date: dayOrDateTime,
  equipmentId: z.uuid(),
  hoursRun: z.number().min(0).max(24),
  hoursDown: z.number().min(0).max(24).optional(),
  fuelLiters: z.number().min(0).nullish(),
  notes,
});

export const manpowerLogFields = z.strictObject({
  siteId: z.uuid(),
  date: dayOrDateTime,
  roleId: z.uuid(),
  headcount: z.number().int().min(1).max(10_000),
  hours: z.number().min(0),
  shift: z.enum(SHIFTS).nullish(),
  notes,
});

/** A row to create, as seed 001 sends it, out as the table's columns. */
const creating = <Shape extends z.core.$ZodLooseShape>(fields: z.ZodObject<Shape, z.core.$strict>) => fields.transform(snakeKeys);
/** A change to a row: one or more of the given fields (never the site: a row does not move). */
const updating = <Shape extends z.core.$ZodLooseShape>(fields: z.ZodObject<Shape, z.core.$strict>) =>
  fields.partial().refine(changesSomething, CHANGE_SOMETHING).transform(snakeKeys);
const notSite = { siteId: true } as const;

export const createProductionSchema = creating(productionFields);
export const updateProductionSchema = updating(productionFields.omit(notSite));
export const createReceivedSchema = creating(receivedFields);
export const updateReceivedSchema = updating(receivedFields.omit(notSite));
export const createEquipmentLogSchema = creating(equipmentLogFields);
export const updateEquipmentLogSchema = updating(equipmentLogFields.omit(notSite));
export const createManpowerLogSchema = creating(manpowerLogFields);
export const updateManpowerLogSchema = updating(manpowerLogFields.omit(notSite));

/** ?siteId=&dateFrom=&dateTo= with paging, as seed 001's list routes take it. */
export function siteRangeQuerySchema(defaultLimit: number) {
  return z
    .strictObject({
      siteId: z.uuid({ message: "siteId parameter required" }),
      dateFrom: dayOrDateTime.optional(),
      dateTo: dayOrDateTime.optional(),
      limit: pageLimit(defaultLimit),
      offset: pageOffset.default(0),
    })
    .refine((query) => !(query.dateFrom && query.dateTo && query.dateFrom > query.dateTo), {
      message: "dateFrom must be less than or equal to dateTo",
      path: ["dateFrom"],
    });
}

export const logQuerySchema = siteRangeQuerySchema(50);
export type LogQuery = z.infer<typeof logQuerySchema>;
