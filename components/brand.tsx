import { Truck } from "lucide-react";
import { cn } from "@/lib/utils";

/** The DeskOps mark and name. */
export function Brand({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn("flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
        <Truck className="size-4" aria-hidden />
      </span>
      {compact ? <span className="sr-only">DeskOps</span> : <span>DeskOps</span>}
    </span>
  );
}
