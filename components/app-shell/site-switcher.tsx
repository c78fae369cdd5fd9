"use client";

import { useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { ChevronsUpDown, Globe2, Loader2, MapPin } from "lucide-react";
import { ROLE_LABELS, useSelectedSite, useShell } from "@/components/app-shell/shell-context";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { withSite } from "@/lib/navigation";

// The list (cmdk) is a fifth of the shell's JavaScript and is only needed once the switcher opens:
// it loads then, or earlier when the pointer or the focus reaches the switcher.
const loadSiteList = () => import("@/components/app-shell/site-list");
const SiteList = dynamic(loadSiteList, { ssr: false, loading: SiteListLoading });

function SiteListLoading() {
  return (
    <p className="flex items-center gap-2 p-3 text-sm text-muted-foreground" role="status">
      <Loader2 className="size-4 animate-spin" aria-hidden /> Loading sites…
    </p>
  );
}

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
        <SiteList selected={selected} onChoose={choose} />
      </PopoverContent>
    </Popover>
  );
}
