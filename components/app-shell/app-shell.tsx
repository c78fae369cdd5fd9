"use client";

import { useState } from "react";
import { Menu } from "lucide-react";
import { Brand } from "@/components/brand";
import { CommandPalette } from "@/components/app-shell/command-palette";
import { OnlineMembers } from "@/components/app-shell/online-members";
import { RealtimeIndicator } from "@/components/app-shell/realtime-indicator";
import { ShellContext, useSelectedSite, useShell, type Shell } from "@/components/app-shell/shell-context";
import { SessionWatcher } from "@/components/app-shell/session-watcher";
import { SidebarNav } from "@/components/app-shell/sidebar-nav";
import { SiteSwitcher } from "@/components/app-shell/site-switcher";
import { UserMenu } from "@/components/app-shell/user-menu";
import { SiteChannelsProvider } from "@/components/realtime/site-channels-provider";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";

/** The frame of every signed-in page: sidebar, top bar, live channels of the sites in view. */
export function AppShell({ shell, children }: { shell: Shell; children: React.ReactNode }) {
  return (
    <ShellContext value={shell}>
      <LiveSites>
        <SessionWatcher />
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

function SidebarContents({ onNavigate }: { onNavigate?: () => void }) {
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

function TopBar() {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/95 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:px-6 lg:px-8">
      <Button variant="ghost" size="icon" className="lg:hidden" aria-label="Open the menu" onClick={() => setMenuOpen(true)}>
        <Menu aria-hidden />
      </Button>
      <Sheet open={menuOpen} onOpenChange={setMenuOpen}>
        <SheetContent side="left" className="w-72 bg-sidebar p-0">
          <SheetHeader className="sr-only">
            <SheetTitle>Menu</SheetTitle>
            <SheetDescription>Pages and sites</SheetDescription>
          </SheetHeader>
          <SidebarContents onNavigate={() => setMenuOpen(false)} />
        </SheetContent>
      </Sheet>
      <CommandPalette />
      <div className="ml-auto flex items-center gap-2">
        <OnlineMembers />
        <RealtimeIndicator />
        <ThemeToggle />
      </div>
    </header>
  );
}
