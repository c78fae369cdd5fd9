import { CheckCircle2, CircleDashed, Loader2, XCircle, Ban } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { ExportStatus } from "@/lib/constants";
import { cn } from "@/lib/utils";

const LOOKS: Record<ExportStatus, { label: string; icon: typeof CircleDashed; className: string; spin?: boolean }> = {
  pending: { label: "Waiting", icon: CircleDashed, className: "border-warning/40 bg-warning/10 text-foreground" },
  processing: { label: "Running", icon: Loader2, className: "border-primary/40 bg-primary/10 text-foreground", spin: true },
  completed: { label: "Ready", icon: CheckCircle2, className: "border-success/40 bg-success/10 text-foreground" },
  failed: { label: "Failed", icon: XCircle, className: "border-destructive/40 bg-destructive/10 text-foreground" },
  cancelled: { label: "Cancelled", icon: Ban, className: "border-border bg-muted text-muted-foreground" },
};

/** A job's status: icon and word, never colour alone. */
export function ExportStatusBadge({ status }: { status: ExportStatus }) {
  const look = LOOKS[status];
  const Icon = look.icon;
  return (
    <Badge variant="outline" className={cn("gap-1 font-medium", look.className)} data-status={status}>
      <Icon aria-hidden className={cn(look.spin && "animate-spin motion-reduce:animate-none")} />
      {look.label}
    </Badge>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} className="h-1.5 w-28 overflow-hidden rounded-full bg-muted">
        <div className="h-full rounded-full bg-primary transition-[width] duration-300" style={{ width: `${value}%` }} />
      </div>
      <span className="w-9 text-right text-xs tabular-nums text-muted-foreground">{value}%</span>
    </div>
  );
}
