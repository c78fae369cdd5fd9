"use client";

import { useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Check, ChevronsUpDown, Globe2, MapPin } from "lucide-react";
import { ROLE_LABELS, useSelectedSite, useShell } from "@/components/app-shell/shell-context";
import { Button } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { withSite } from "@/lib/navigation";
import { cn } from "@/lib/utils";

/** The site every page shows; the choice lives in the URL (?site=CODE), so a link shares it. */
export function SiteSwitcher() {
  const { user } = useShell();
  const selected = useSelectedSite();
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  const choose = (code: string | null) => {
    setOpen(false);
    // A new site starts the page afresh: its filters were about the other site.
    router.push(withSite(pathname, code));
  };

  const label = selected ? selected.name : "All sites";
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="outline" role="combobox" aria-expanded={open} aria-label={`Site: ${label}`} className="h-auto w-full justify-between gap-2 px-3 py-2" data-testid="site-switcher">
          <span className="flex min-w-0 items-center gap-2 text-left">
            {selected ? <MapPin className="text-muted-foreground" aria-hidden /> : <Globe2 className="text-muted-foreground" aria-hidden />}
            <span className="min-w-0">
              <span className="block truncate text-sm font-medium">{label}</span>
              <span className="block truncate text-xs font-normal text-muted-foreground">
                {selected ? `${selected.code} · ${ROLE_LABELS[selected.role]}` : `${user.sites.length} sites`}
              </span>
            </span>
          </span>
          <ChevronsUpDown className="opacity-60" aria-hidden />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72 p-0" align="start" aria-label="Sites">
        <Command>
          {/* Always there: it takes the focus, so the list answers the keyboard at once. */}
          <CommandInput placeholder="Find a site…" aria-label="Find a site" />
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
      </PopoverContent>
    </Popover>
  );
}
