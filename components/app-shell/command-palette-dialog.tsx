"use client";

// The command palette's contents (cmdk and the dialog), loaded the first time it opens: most
// visits never open it, so its code is not part of the page's first download.
import { useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Globe2, LogOut, MapPin, Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { signOut } from "@/app/actions/sign-out";
import { NAV_ICONS } from "@/components/app-shell/nav-icons";
import { useSelectedSite, useShell } from "@/components/app-shell/shell-context";
import { CommandDialog, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { PAGES, withSite } from "@/lib/navigation";

export default function CommandPaletteDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { user, navItems } = useShell();
  const site = useSelectedSite();
  const router = useRouter();
  const pathname = usePathname();
  const { setTheme } = useTheme();
  const [, startSignOut] = useTransition();
  const setOpen = onOpenChange;

  const run = (action: () => void) => {
    setOpen(false);
    action();
  };

  return (
    <CommandDialog open={open} onOpenChange={setOpen} title="Command palette" description="Jump to a page or a site">
      <CommandInput placeholder="Type a page, a site or a command…" />
      <CommandList>
        <CommandEmpty>Nothing matches.</CommandEmpty>
        <CommandGroup heading="Pages">
          {navItems.map((item) => {
            const Icon = NAV_ICONS[item.key];
            return (
              <CommandItem key={item.key} value={`${item.label} ${item.description}`} onSelect={() => run(() => router.push(withSite(PAGES[item.key], site?.code)))}>
                <Icon aria-hidden />
                <span>{item.label}</span>
                <span className="ml-auto truncate text-xs text-muted-foreground">{item.description}</span>
              </CommandItem>
            );
          })}
        </CommandGroup>
        {user.sites.length > 0 ? (
          <CommandGroup heading="Sites">
            {user.isAdmin ? (
              <CommandItem value="Site: all sites" onSelect={() => run(() => router.push(withSite(pathname, null)))}>
                <Globe2 aria-hidden />
                All sites
              </CommandItem>
            ) : null}
            {user.sites.map((candidate) => (
              <CommandItem key={candidate.id} value={`Site: ${candidate.code} ${candidate.name}`} onSelect={() => run(() => router.push(withSite(pathname, candidate.code)))}>
                <MapPin aria-hidden />
                <span>{candidate.name}</span>
                <span className="ml-auto text-xs text-muted-foreground">{candidate.code}</span>
              </CommandItem>
            ))}
          </CommandGroup>
        ) : null}
        <CommandGroup heading="Theme">
          <CommandItem value="Theme: light" onSelect={() => run(() => setTheme("light"))}>
            <Sun aria-hidden />
            Light theme
          </CommandItem>
          <CommandItem value="Theme: dark" onSelect={() => run(() => setTheme("dark"))}>
            <Moon aria-hidden />
            Dark theme
          </CommandItem>
          <CommandItem value="Theme: system" onSelect={() => run(() => setTheme("system"))}>
            <Monitor aria-hidden />
            System theme
          </CommandItem>
        </CommandGroup>
        <CommandGroup heading="Account">
          <CommandItem value="Sign out" onSelect={() => run(() => startSignOut(() => signOut()))}>
            <LogOut aria-hidden />
            Sign out
          </CommandItem>
        </CommandGroup>
      </CommandList>
    </CommandDialog>
  );
}
