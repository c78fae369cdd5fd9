"use client";

import { Brand } from "@/components/brand";
import { SidebarNav } from "@/components/app-shell/sidebar-nav";
import { SiteSwitcher } from "@/components/app-shell/site-switcher";
import { UserMenu } from "@/components/app-shell/user-menu";

/** The sidebar: the brand, the site switcher, every page the user's roles open, the user menu. */
export function SidebarContents({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <div className="px-2 pt-1">
        <Brand />
      </div>
      <SiteSwitcher />
      <div className="flex-1 overflow-y-auto">
        <SidebarNav onNavigate={onNavigate} />
      </div>
      <UserMenu />
    </div>
  );
}
