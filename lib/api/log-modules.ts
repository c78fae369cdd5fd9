// The four site logs of seed 001, as the generic routes serve them.
import { equipmentLogSchema, manpowerLogSchema, productionSchema, receivedSchema } from "@/lib/validations/logs";

const site = "site:sites(code, name)";

export const productionModule = {
  table: "production", rpc: "create_production_batch", listKey: "productions", itemKey: "production", actionKey: "production",
  page: "/dashboard/production", label: "Production record",
  embed: `material:materials(code, name, category, uom), ${site}`, schema: productionSchema,
} as const;

export const receivedModule = {
  table: "received_materials", rpc: "create_received_batch", listKey: "receivedMaterials", itemKey: null, actionKey: "receivedMaterial",
  page: "/dashboard/received", label: "Received material",
  embed: `material:materials(code, name, category, uom), ${site}`, schema: receivedSchema,
} as const;

export const equipmentModule = {
  table: "equipment_logs", rpc: "create_equipment_log_batch", listKey: "equipmentLogs", itemKey: "equipmentLog", actionKey: "equipmentLog",
  page: "/dashboard/equipment", label: "Equipment log",
  embed: `equipment:equipment!equipment_logs_equipment_site_fkey(code, name, type), ${site}`, schema: equipmentLogSchema,
} as const;

export const manpowerModule = {
  table: "manpower_logs", rpc: "create_manpower_log_batch", listKey: "manpowerLogs", itemKey: null, actionKey: "manpowerLog",
  page: "/dashboard/manpower", label: "Manpower log",
  embed: `role:manpower_roles(code, name), ${site}`, schema: manpowerLogSchema,
} as const;
