// Fixed lists and limits of the domain. IMPORTANT: the SQL check constraints in
// supabase/migrations repeat these lists; tests/integration/db-constants.test.ts reads them back
// from the database and fails if the two ever differ.

export const SITE_ROLES = ["manager", "operator", "viewer"] as const;
export type SiteRole = (typeof SITE_ROLES)[number];
export const isSiteRole = (value: string): value is SiteRole => (SITE_ROLES as readonly string[]).includes(value);

export const DISPATCH_STATUSES = ["pending", "ongoing", "completed", "cancelled"] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const isDispatchStatus = (value: string): value is DispatchStatus => (DISPATCH_STATUSES as readonly string[]).includes(value);

/** The status lifecycle: pending → ongoing → completed, or cancelled before completion. */
export const DISPATCH_TRANSITIONS: Record<DispatchStatus, readonly DispatchStatus[]> = {
  pending: ["ongoing", "cancelled"],
  ongoing: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

/** What a processing line does to material (production.operation). */
export const OPERATION_TYPES = ["crushing", "screening", "sorting", "washing", "blending"] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const SHIFTS = ["morning", "evening", "night"] as const;
export type Shift = (typeof SHIFTS)[number];

export const MATERIAL_CATEGORIES = ["input", "product", "byproduct", "residue"] as const;
export type MaterialCategory = (typeof MATERIAL_CATEGORIES)[number];

/** opening: the balance a day starts with; count: a physical count, the day's closing; adjustment: a correction. */
export const INVENTORY_ENTRY_KINDS = ["opening", "count", "adjustment"] as const;
export type InventoryEntryKind = (typeof INVENTORY_ENTRY_KINDS)[number];

export const EXPORT_MODULES = ["production", "dispatch", "received", "equipment", "manpower", "inventory"] as const;
export type ExportModule = (typeof EXPORT_MODULES)[number];

export const EXPORT_FORMATS = ["xlsx", "csv", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_GRANULARITIES = ["daily", "weekly", "monthly"] as const;
export type ExportGranularity = (typeof EXPORT_GRANULARITIES)[number];

export const EXPORT_STATUSES = ["pending", "processing", "completed", "failed", "cancelled"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const OUTBOX_ACTIONS = ["insert", "update", "delete"] as const;
export type OutboxAction = (typeof OUTBOX_ACTIONS)[number];

/** The tables whose rows are audited and can be restored after a delete (private.operational_tables()). */
export const AUDITED_TABLES = ["dispatches", "production", "received_materials", "equipment_logs", "manpower_logs", "inventory_entries"] as const;
export type AuditedTable = (typeof AUDITED_TABLES)[number];

/** Rows one bulk submit may carry (create_*_batch); the seeds' bulk dispatch limit. */
export const MAX_BATCH_ROWS = 5000;

/** Site codes: 3 to 20 characters, as seed 001's CreateSiteSchema. */
export const SITE_CODE_MIN_LENGTH = 3;
export const SITE_CODE_MAX_LENGTH = 20;

/** GoTrue's own minimum: a password the forms accept is never refused by the server for its length. */
export const MIN_PASSWORD_LENGTH = 6;

/**
 * The columns of each unique key a user's own write can clash with (the site left out: a row's
 * site is never in question), by the name Postgres gives in a 23505. The 409 names them; the
 * database's unique indexes are the truth and db-constants checks this list against them.
 */
export const UNIQUE_KEY_FIELDS: Record<string, readonly string[]> = {
  sites_code_key: ["code"],
  clusters_name_region_key: ["name", "region"],
  processors_name_region_key: ["name", "region"],
  materials_code_key: ["code"],
  manpower_roles_code_key: ["code"],
  equipment_site_code_key: ["code"],
  equipment_logs_equipment_day_key: ["equipment_id", "date"],
  manpower_logs_site_day_role_shift_key: ["date", "role_id", "shift"],
  inventory_entries_one_balance_per_day_key: ["material_id", "date", "kind"],
};
