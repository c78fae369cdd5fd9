// The grid's modules: which columns each shows, the API schema each row must pass, and what makes
// two rows likely the same. One entry per page that takes bulk entry.
import type { z } from "zod";
import { OPERATION_TYPES, SHIFTS } from "@/lib/constants";
import { dispatchKey } from "@/lib/grid/duplicates";
import type { GridModule } from "@/lib/grid/validate";
import { dispatchRowSchema } from "@/lib/validations/dispatch";
import { equipmentLogFields, manpowerLogFields, productionFields, receivedFields } from "@/lib/validations/logs";

export const dispatchGrid: GridModule<ReturnType<typeof dispatchRowSchema.parse>> = {
  name: "dispatch",
  label: "Dispatch rows",
  schema: dispatchRowSchema,
  fixed: (context) => ({ site_id: context.siteId }),
  duplicateKey: (row, context) => dispatchKey(row.dispatch_date ?? context.today, row.plate_number, row.lh_trip),
  duplicateMessages: {
    saved: "Likely a duplicate: this plate and LH trip are already saved for that day.",
    grid: "Likely a duplicate of a row above: same day, plate and LH trip.",
  },
  columns: [
    { key: "dispatch_date", label: "Date", kind: "date", width: 120, synonyms: ["dispatch date", "day", "date dispatched"] },
    { key: "cluster", label: "Cluster", kind: "lookup", lookup: "clusters", width: 170, synonyms: ["origin", "cluster name"] },
    { key: "processor", label: "Processor", kind: "lookup", lookup: "processors", width: 190, synonyms: ["destination", "processor name"] },
    { key: "station", label: "Station", kind: "text", width: 130, synonyms: ["station name", "hub"] },
    { key: "region", label: "Region", kind: "text", width: 120 },
    { key: "dock_number", label: "Dock number", kind: "text", width: 110, synonyms: ["dock", "dock no", "dock #"] },
    { key: "lh_trip", label: "LH trip", kind: "text", width: 130, synonyms: ["lh trip #", "lh trip no", "linehaul trip", "trip", "trip no"] },
    { key: "plate_number", label: "Plate number", kind: "text", width: 120, synonyms: ["plate no", "plate", "plate #", "truck plate", "vehicle"] },
    { key: "fleet_size", label: "Fleet size", kind: "text", width: 100, synonyms: ["fleet", "truck type", "vehicle size"] },
    { key: "material_id", label: "Material", kind: "lookup", lookup: "materials", strict: true, width: 190, synonyms: ["material code", "material name", "product"] },
    { key: "qty_ton", label: "Tonnes", kind: "number", width: 100, synonyms: ["qty (t)", "qty", "quantity", "tons", "tonnage", "qty ton", "weight (t)"] },
    { key: "remarks", label: "Remarks", kind: "text", width: 220, synonyms: ["notes", "comment", "comments"] },
  ],
};

// The site logs: their grid validates with the seed's camelCase fields; the server parses the same
// fields again with the create schema (fields + the snake_case transform).
const notesColumn = { key: "notes", label: "Notes", kind: "text", width: 240, synonyms: ["remarks", "comment", "comments"] } as const;
const dateColumn = { key: "date", label: "Date", kind: "date", width: 120, synonyms: ["day"] } as const;
const materialColumn = { key: "materialId", label: "Material", kind: "lookup", lookup: "materials", strict: true, width: 220, synonyms: ["material code", "material name", "product"] } as const;
const tonnesColumn = { key: "qtyTon", label: "Tonnes", kind: "number", width: 100, synonyms: ["qty (t)", "qty", "quantity", "tons", "tonnage", "qty ton", "weight (t)"] } as const;
const shiftColumn = { key: "shift", label: "Shift", kind: "choice", options: SHIFTS, width: 110 } as const;
const siteOnly = (context: { siteId: string }) => ({ siteId: context.siteId });

export const productionGrid: GridModule<z.infer<typeof productionFields>> = {
  name: "production",
  label: "Production rows",
  schema: productionFields,
  fixed: siteOnly,
  columns: [
    dateColumn,
    materialColumn,
    { key: "operation", label: "Operation", kind: "choice", options: OPERATION_TYPES, width: 130, synonyms: ["process", "operation type"] },
    tonnesColumn,
    shiftColumn,
    notesColumn,
  ],
};

export const receivedGrid: GridModule<z.infer<typeof receivedFields>> = {
  name: "received",
  label: "Received material rows",
  schema: receivedFields,
  fixed: siteOnly,
  columns: [
    dateColumn,
    materialColumn,
    tonnesColumn,
    { key: "source", label: "Source", kind: "text", width: 200, synonyms: ["supplier", "from", "origin"] },
    { key: "vehicleRef", label: "Vehicle", kind: "text", width: 130, synonyms: ["vehicle ref", "truck", "plate", "plate no"] },
    notesColumn,
  ],
};

export const equipmentGrid: GridModule<z.infer<typeof equipmentLogFields>> = {
  name: "equipment",
  label: "Equipment log rows",
  schema: equipmentLogFields,
  fixed: siteOnly,
  columns: [
    dateColumn,
    { key: "equipmentId", label: "Machine", kind: "lookup", lookup: "equipment", strict: true, width: 220, synonyms: ["equipment", "machine code", "unit"] },
    { key: "hoursRun", label: "Hours run", kind: "number", width: 100, synonyms: ["run hours", "hours", "operating hours"] },
    { key: "hoursDown", label: "Hours down", kind: "number", width: 110, synonyms: ["downtime", "down hours"] },
    { key: "fuelLiters", label: "Fuel (L)", kind: "number", width: 100, synonyms: ["fuel", "fuel liters", "diesel"] },
    notesColumn,
  ],
};

export const manpowerGrid: GridModule<z.infer<typeof manpowerLogFields>> = {
  name: "manpower",
  label: "Manpower rows",
  schema: manpowerLogFields,
  fixed: siteOnly,
  columns: [
    dateColumn,
    { key: "roleId", label: "Role", kind: "lookup", lookup: "roles", strict: true, width: 200, synonyms: ["position", "job"] },
    shiftColumn,
    { key: "headcount", label: "People", kind: "number", width: 90, synonyms: ["headcount", "crew", "count"] },
    { key: "hours", label: "Hours", kind: "number", width: 90, synonyms: ["hours worked", "man hours"] },
    notesColumn,
  ],
};

/** The site logs' grids by name (the pages and the save action use these names). */
export const LOG_GRIDS = { production: productionGrid, received: receivedGrid, equipment: equipmentGrid, manpower: manpowerGrid } as const;
export type LogGridName = keyof typeof LOG_GRIDS;
export const LOG_GRID_NAMES = ["production", "received", "equipment", "manpower"] as const satisfies readonly LogGridName[];
