import { CheckCircle2, CircleDashed, CircleDot, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { DispatchStatus } from "@/lib/constants";
import { cn } from "@/lib/utils";

const LOOKS: Record<DispatchStatus, { label: string; icon: typeof CircleDot; className: string }> = {
  pending: { label: "Pending", icon: CircleDashed, className: "border-warning/40 bg-warning/10 text-foreground" },
  ongoing: { label: "Ongoing", icon: CircleDot, className: "border-primary/40 bg-primary/10 text-foreground" },
  completed: { label: "Completed", icon: CheckCircle2, className: "border-success/40 bg-success/10 text-foreground" },
  cancelled: { label: "Cancelled", icon: XCircle, className: "border-border bg-muted text-muted-foreground" },
};

export const STATUS_LABELS: Record<DispatchStatus, string> = {
  pending: LOOKS.pending.label,
  ongoing: LOOKS.ongoing.label,
  completed: LOOKS.completed.label,
  cancelled: LOOKS.cancelled.label,
};

/** A dispatch status: icon and word, never colour alone. */
export function StatusBadge({ status, className }: { status: DispatchStatus; className?: string }) {
  const look = LOOKS[status];
  const Icon = look.icon;
  return (
    <Badge variant="outline" className={cn("gap-1 font-medium", look.className, className)} data-status={status}>
      <Icon aria-hidden />
      {look.label}
    </Badge>
  );
}
