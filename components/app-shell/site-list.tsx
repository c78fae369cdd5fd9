"use client";

import { Check, Globe2, MapPin } from "lucide-react";
import { ROLE_LABELS, useShell, type ShellSite } from "@/components/app-shell/shell-context";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { cn } from "@/lib/utils";

/** The site switcher's searchable list: every site the user can see, and "All sites" for admins. */
export default function SiteList({ selected, onChoose: choose }: { selected: ShellSite | null; onChoose: (code: string | null) => void }) {
  const { user } = useShell();
  return (
    <Command>
      {/* Always there and focused as it mounts (the list may load after the popover opened), so the list answers the keyboard at once. */}
      <CommandInput placeholder="Find a site…" aria-label="Find a site" autoFocus />
      <CommandList>
        <CommandEmpty>No site matches.</CommandEmpty>
        <CommandGroup heading="Sites">
          {user.isAdmin ? (
            <CommandItem value="all sites" onSelect={() => choose(null)}>
              <Globe2 aria-hidden />
              <span className="flex-1">All sites</span>
              <Check className={cn(selected ? "opacity-0" : "opacity-100")} aria-hidden />
            </CommandItem>
          ) : null}
          {user.sites.map((site) => (
            <CommandItem key={site.id} value={`${site.code} ${site.name}`} onSelect={() => choose(site.code)}>
              <MapPin aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="block truncate">{site.name}</span>
                <span className="block text-xs text-muted-foreground">
                  {site.code} · {ROLE_LABELS[site.role]}
                </span>
              </span>
              <Check className={cn(selected?.id === site.id ? "opacity-100" : "opacity-0")} aria-hidden />
            </CommandItem>
          ))}
        </CommandGroup>
      </CommandList>
    </Command>
  );
}
