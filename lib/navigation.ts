// The app's pages, one path each: the sidebar, the command palette and the server actions'
// revalidation all read them here.
import type { LogTableName } from "@/lib/queries/log-modules";

export const PAGES = {
  dashboard: "/dashboard",
  dispatch: "/dispatch",
  newDispatches: "/dispatch/new",
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

/** Who sees a sidebar entry: everyone signed in, or only some roles. */
export type NavAccess = "everyone" | "managers" | "admins";

export interface NavItem {
  key: keyof typeof PAGES;
  label: string;
  access: NavAccess;
  /** What the page is for, in the command palette. */
  description: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: "dashboard", label: "Dashboard", access: "everyone", description: "KPIs, today's metrics and live activity" },
  { key: "dispatch", label: "Dispatch", access: "everyone", description: "Truck dispatches: list, filter, export" },
  { key: "production", label: "Production", access: "everyone", description: "Tonnes produced per material and operation" },
  { key: "received", label: "Received", access: "everyone", description: "Material received at the gate" },
  { key: "equipment", label: "Equipment", access: "everyone", description: "Machine hours, downtime and fuel" },
  { key: "manpower", label: "Manpower", access: "everyone", description: "Crews per role and shift" },
  { key: "inventory", label: "Inventory", access: "everyone", description: "Stock ledger per material" },
  { key: "exports", label: "Exports", access: "everyone", description: "CSV, XLSX and PDF reports" },
  { key: "sheets", label: "Sheets sync", access: "managers", description: "The Google Sheet mirror of dispatches" },
  { key: "sites", label: "Sites", access: "managers", description: "Sites, members and roles" },
];

/** Managers see the manager entries, admins everything. */
export function visibleNavItems(isAdmin: boolean, managesAnySite: boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => item.access === "everyone" || isAdmin || (item.access === "managers" && managesAnySite));
}

/** A page's path with the selected site kept, so a link shows the same site. */
export function withSite(path: string, siteCode: string | null | undefined): string {
  return siteCode ? `${path}?site=${encodeURIComponent(siteCode)}` : path;
}

/** Only paths inside the app may be returned to after signing in. */
export function safeNextPath(next: string | null | undefined, fallback: string = PAGES.dashboard): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/api/")) return fallback;
  return next;
}

/** A page's search params, as Next hands them to it. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One search param as text (the first, if repeated). */
export function param(params: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `path` on the host the browser used. IMPORTANT: not request.url, which `next dev` rewrites to
 * localhost: a redirect there from 127.0.0.1 would leave the session cookies behind.
 */
export function sameHostUrl(request: { headers: Headers; url: string }, path: string): URL {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(/:$/, "");
  return new URL(path, host ? `${protocol}://${host}` : request.url);
}
