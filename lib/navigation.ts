// The app's pages, one path each: the sidebar, the command palette and the server actions'
// revalidation all read them here.
import type { LogTableName } from "@/lib/queries/log-modules";

export const PAGES = {
  dashboard: "/dashboard",
  dispatch: "/dispatch",
  production: "/production",
  received: "/received",
  equipment: "/equipment",
  manpower: "/manpower",
  inventory: "/inventory",
  exports: "/exports",
  sheets: "/sheets",
  sites: "/sites",
} as const;

/** The page that lists each site log. */
export const LOG_PAGES: Record<LogTableName, string> = {
  production: PAGES.production,
  received_materials: PAGES.received,
  equipment_logs: PAGES.equipment,
  manpower_logs: PAGES.manpower,
};
