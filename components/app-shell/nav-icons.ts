import { Boxes, Building2, ClipboardPaste, Factory, FileDown, LayoutDashboard, PackageOpen, Sheet, Truck, Users, Wrench, type LucideIcon } from "lucide-react";
import type { PAGES } from "@/lib/navigation";

/** The icon of each page, in the sidebar and the command palette. */
export const NAV_ICONS: Record<keyof typeof PAGES, LucideIcon> = {
  dashboard: LayoutDashboard,
  dispatch: Truck,
  newDispatches: ClipboardPaste,
  production: Factory,
  received: PackageOpen,
  equipment: Wrench,
  manpower: Users,
  inventory: Boxes,
  exports: FileDown,
  sheets: Sheet,
  sites: Building2,
};
