// Dispatch input, in both seeds' forms: seed 000's snake_case bulk rows and filters, seed 001's
// camelCase single object and siteId / dateFrom / dateTo filters.
import { z } from "zod";
import { DISPATCH_STATUSES, MAX_BATCH_ROWS } from "@/lib/constants";
import { calendarDay as day, dayOrDateTime, optionalText, pageLimit, pageOffset, requiredText as text } from "@/lib/validations/common";

export const dispatchRowSchema = z.strictObject({
  site_id: z.uuid(),
  cluster: text(100),
  processor: text(100),
  station: text(100),
  region: text(100),
  dock_number: text(50),
  lh_trip: optionalText(50),
  plate_number: optionalText(20),
  fleet_size: optionalText(50),
  remarks: optionalText(1000),
  dispatch_date: day.optional(),
  material_id: z.uuid().nullish(),
  qty_ton: z.number().min(0).max(999_999_999).nullish(),
  status: z.enum(DISPATCH_STATUSES).optional(),
});

/** Seed 000's bulk body: { rows: [...] }, 1 to 5,000 rows. */
export const bulkDispatchSchema = z.strictObject({
  rows: z.array(dispatchRowSchema).min(1).max(MAX_BATCH_ROWS),
  batch_id: z.uuid().optional(),
});

/** Seed 001's single dispatch, camelCase; a material dispatch needs no linehaul route. */
export const singleDispatchSchema = z
  .strictObject({
    siteId: z.uuid(),
    date: dayOrDateTime,
    materialId: z.uuid(),
    qtyTon: z.number().min(0).max(999_999_999),
    cluster: optionalText(100),
    processor: optionalText(100),
    station: optionalText(100),
    region: optionalText(100),
    dockNumber: optionalText(50),
    lhTrip: optionalText(50),
    plateNumber: optionalText(20),
    fleetSize: optionalText(50),
    remarks: optionalText(1000),
    status: z.enum(DISPATCH_STATUSES).optional(),
  })
  .transform((input) => ({
    site_id: input.siteId,
    dispatch_date: input.date,
    material_id: input.materialId,
    qty_ton: input.qtyTon,
    cluster: input.cluster,
    processor: input.processor,
    station: input.station,
    region: input.region,
    dock_number: input.dockNumber,
    lh_trip: input.lhTrip,
    plate_number: input.plateNumber,
    fleet_size: input.fleetSize,
    remarks: input.remarks,
    status: input.status,
  }));

export type DispatchInsert = z.infer<typeof dispatchRowSchema> | z.infer<typeof singleDispatchSchema>;

export const dispatchFiltersSchema = z
  .strictObject({
    region: text(100).optional(),
    status: z.enum(DISPATCH_STATUSES).optional(),
    start_date: z.union([z.iso.datetime({ offset: true }), day]).optional(),
    end_date: z.union([z.iso.datetime({ offset: true }), day]).optional(),
    cluster: text(100).optional(),
    processor: text(100).optional(),
    siteId: z.uuid().optional(),
    dateFrom: dayOrDateTime.optional(),
    dateTo: dayOrDateTime.optional(),
    limit: pageLimit(50),
    offset: pageOffset.optional(),
    cursor: z.string().max(500).optional(),
    export: z.literal("csv").optional(),
  })
  .refine((filters) => !(filters.cursor && filters.offset !== undefined), { message: "Use cursor or offset, not both", path: ["cursor"] })
  .refine((filters) => !(filters.dateFrom && filters.dateTo && filters.dateFrom > filters.dateTo), {
    message: "dateFrom must be on or before dateTo",
    path: ["dateFrom"],
  })
  .refine((filters) => !(filters.start_date && filters.end_date && Date.parse(filters.start_date) > Date.parse(filters.end_date)), {
    message: "start_date must be on or before end_date",
    path: ["start_date"],
  });

export type DispatchFilters = z.infer<typeof dispatchFiltersSchema>;

export const updateDispatchSchema = z
  .strictObject({
    status: z.enum(DISPATCH_STATUSES).optional(),
    remarks: optionalText(1000),
  })
  .refine((patch) => patch.status !== undefined || patch.remarks !== undefined, { message: "Send status or remarks" });

/**
 * POST /api/dispatch: seed 000's { rows: [...] } bulk body, or seed 001's single camelCase
 * dispatch. Which one is decided by the `rows` key, so errors name the fields of the form sent.
 */
export const createDispatchBodySchema = z.unknown().transform((body, context): { rows: DispatchInsert[]; batchId?: string } => {
  const isBulk = typeof body === "object" && body !== null && "rows" in body;
  const parsed = isBulk ? bulkDispatchSchema.safeParse(body) : singleDispatchSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path, input: body });
    return z.NEVER;
  }
  return "rows" in parsed.data ? { rows: parsed.data.rows, batchId: parsed.data.batch_id } : { rows: [parsed.data] };
});
