import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** What a page shows when there is nothing yet: what it is for and what to do. */
export function EmptyState({ icon: Icon, title, children, action, className }: { icon: LucideIcon; title: string; children?: React.ReactNode; action?: React.ReactNode; className?: string }) {
  return (
    <div className={cn("grid place-items-center gap-3 rounded-xl border border-dashed px-6 py-14 text-center", className)} data-testid="empty-state">
      <span className="flex size-11 items-center justify-center rounded-full bg-muted">
        <Icon className="size-5 text-muted-foreground" aria-hidden />
      </span>
      <div className="grid max-w-md gap-1">
        <p className="font-medium">{title}</p>
        {children ? <div className="text-sm text-muted-foreground">{children}</div> : null}
      </div>
      {action}
    </div>
  );
}
