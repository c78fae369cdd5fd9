"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { Menu } from "lucide-react";
import { CommandPalette } from "@/components/app-shell/command-palette";
import { OnlineMembers } from "@/components/app-shell/online-members";
import { RealtimeIndicator } from "@/components/app-shell/realtime-indicator";
import { ShellContext, useSelectedSite, useShell, type Shell } from "@/components/app-shell/shell-context";
import { SidebarContents } from "@/components/app-shell/sidebar-contents";
import { RealtimeSession } from "@/components/realtime/realtime-session";
import { SiteChannelsProvider } from "@/components/realtime/site-channels-provider";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";

// The slide-in menu (Radix Dialog) is only for narrow screens: it loads when first opened.
const MobileMenu = dynamic(() => import("@/components/app-shell/mobile-menu"), { ssr: false });

/** The frame of every signed-in page: sidebar, top bar, live channels of the sites in view. */
export function AppShell({ shell, children }: { shell: Shell; children: React.ReactNode }) {
  return (
    <ShellContext value={shell}>
      <RealtimeSession initial={shell.accessToken} />
      <LiveSites>
        <a href="#main" className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
          Skip to content
        </a>
        <div className="flex min-h-svh">
          <aside className="sticky top-0 hidden h-svh w-64 shrink-0 flex-col border-r bg-sidebar lg:flex" aria-label="Sidebar">
            <SidebarContents />
          </aside>
          <div className="flex min-w-0 flex-1 flex-col">
            <TopBar />
            <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-6 lg:px-8">
              {children}
            </main>
          </div>
        </div>
      </LiveSites>
    </ShellContext>
  );
}

/** The channels of the site in view, or of every site for "All sites". */
function LiveSites({ children }: { children: React.ReactNode }) {
  const site = useSelectedSite();
  const { user } = useShell();
  const siteIds = site ? [site.id] : user.sites.map((candidate) => candidate.id);
  return (
    <SiteChannelsProvider siteIds={siteIds} me={{ id: user.id, name: user.name, opsId: user.opsId }}>
      {children}
    </SiteChannelsProvider>
  );
}

function TopBar() {
  const [menuOpen, setMenuOpen] = useState(false);
  // Mounted from the first opening on, so closing animates and reopening is instant.
  const [menuWanted, setMenuWanted] = useState(false);
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6 lg:px-8">
      <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open the menu" onClick={() => {
          setMenuWanted(true);
          setMenuOpen(true);
        }}>
        <Menu aria-hidden />
      </Button>
      {menuWanted ? <MobileMenu open={menuOpen} onOpenChange={setMenuOpen} /> : null}
      <CommandPalette />
      <div className="ml-auto flex items-center gap-2">
        <OnlineMembers />
        <RealtimeIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
