"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_ICONS } from "@/components/app-shell/nav-icons";
import { useSelectedSite, useShell } from "@/components/app-shell/shell-context";
import { PAGES, withSite } from "@/lib/navigation";
import { cn } from "@/lib/utils";

/** Every page the user may open; the selected site travels with each link. */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const { navItems } = useShell();
  const site = useSelectedSite();
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="grid gap-0.5">
      {navItems.map((item) => {
        const href = PAGES[item.key];
        const active = pathname === href || pathname.startsWith(`${href}/`);
        const Icon = NAV_ICONS[item.key];
        return (
          <Link
            key={item.key}
            href={withSite(href, site?.code)}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
              active && "bg-sidebar-accent text-sidebar-foreground",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
