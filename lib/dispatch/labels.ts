// How a dispatch and its fields are named to people.

export const dispatchName = (row: { lh_trip: string | null; plate_number: string | null }) => row.lh_trip ?? row.plate_number ?? "this dispatch";

export const DISPATCH_FIELD_LABELS: Record<string, string> = {
  dispatch_date: "Date",
  cluster: "Cluster",
  processor: "Processor",
  station: "Station",
  region: "Region",
  dock_number: "Dock",
  lh_trip: "LH trip",
  plate_number: "Plate number",
  fleet_size: "Fleet size",
  material_id: "Material",
  qty_ton: "Tonnes",
  status: "Status",
  remarks: "Remarks",
};

export const fieldLabel = (field: string) => DISPATCH_FIELD_LABELS[field] ?? field.replace(/_/g, " ");

export const creatorName = (users: { ops_id: string; first_name: string | null; last_name: string | null } | null) =>
  users ? [users.first_name, users.last_name].filter(Boolean).join(" ") || users.ops_id : "—";
