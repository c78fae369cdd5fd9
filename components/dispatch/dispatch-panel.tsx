"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Sheet, SheetContent, SheetDescription, SheetTitle } from "@/components/ui/sheet";

/** The side panel of one dispatch, open while the URL names it (?row=<id>): a link opens it too. */
export function DispatchPanel({ children }: { children: React.ReactNode }) {
  const close = useClosePanel();
  return (
    <Sheet open onOpenChange={(open) => (open ? undefined : close())}>
      <SheetContent className="sm:max-w-lg" data-testid="dispatch-panel">
        <SheetTitle className="sr-only">Dispatch details</SheetTitle>
        <SheetDescription className="sr-only">The dispatch, its history and its remarks</SheetDescription>
        {children}
      </SheetContent>
    </Sheet>
  );
}

/** Closes the panel from inside it (after a delete). */
export function useClosePanel(): () => void {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return () => {
    const next = new URLSearchParams(searchParams);
    next.delete("row");
    const query = next.toString();
    router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
}
