"use client";

import { SidebarContents } from "@/components/app-shell/sidebar-contents";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";

/** Below the laptop breakpoint the sidebar slides in from the left. */
export default function MobileMenu({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Sheet open={open} onOpenChange={onOpenChange}>
      <SheetContent side="left" className="w-72 bg-sidebar p-0">
        <SheetHeader className="sr-only">
          <SheetTitle>Menu</SheetTitle>
          <SheetDescription>Pages and sites</SheetDescription>
        </SheetHeader>
        <SidebarContents onNavigate={() => onOpenChange(false)} />
      </SheetContent>
    </Sheet>
  );
}
