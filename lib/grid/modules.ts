// The grid's modules: which columns each shows, the API schema each row must pass, and what makes
// two rows likely the same. One entry per page that takes bulk entry.
import { dispatchKey } from "@/lib/grid/duplicates";
import type { GridModule } from "@/lib/grid/validate";
import { dispatchRowSchema } from "@/lib/validations/dispatch";

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
