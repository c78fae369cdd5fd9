"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import dynamic from "next/dynamic";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";

const CommandPaletteDialog = dynamic(() => import("@/components/app-shell/command-palette-dialog"), { ssr: false });

const never = () => () => {};
/** Apple keyboards say ⌘; the server cannot know, so it renders Ctrl until the browser says. */
const useIsApple = () => useSyncExternalStore(never, () => /Mac|iPhone|iPad/.test(navigator.userAgent), () => false);

/** ⌘K / Ctrl+K: jump to any page or site, switch the theme, sign out. */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so closing animates and reopening is instant.
  const [wanted, setWanted] = useState(false);
  const isApple = useIsApple();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setWanted(true);
        setOpen((wasOpen) => !wasOpen);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      <Button
        variant="outline"
        className="h-9 w-full max-w-64 justify-start gap-2 px-3 text-muted-foreground"
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        data-testid="open-command-palette"
      >
        <Search aria-hidden />
        <span className="flex-1 text-left font-normal">Search or jump to…</span>
        <kbd className="pointer-events-none hidden rounded border bg-muted px-1.5 font-mono text-[10px] font-medium sm:inline-block">{isApple ? "⌘K" : "Ctrl K"}</kbd>
      </Button>
      {wanted ? <CommandPaletteDialog open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
