import { ArrowDownRight, ArrowUpRight, Minus, type LucideIcon } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { directionOf, formatChange } from "@/lib/format";
import { cn } from "@/lib/utils";

interface StatCardProps {
  id: string;
  label: string;
  icon: LucideIcon;
  /** The figure as shown, and as a number for machines (data-value). */
  value: string;
  raw: number;
  /** Relative change in %, or null when there is nothing to compare with. */
  change: number | null;
  /** What the change compares with: "vs yesterday". */
  comparedWith: string;
  /** Whether a rise is good news (pending work rising is not). */
  goodWhen?: "up" | "down";
  /** A change in points rather than %, for rates. */
  changeInPoints?: boolean;
}

const ARROWS = { up: ArrowUpRight, down: ArrowDownRight, flat: Minus } as const;

export function StatCard({ id, label, icon: Icon, value, raw, change, comparedWith, goodWhen = "up", changeInPoints = false }: StatCardProps) {
  const direction = change === null ? "flat" : directionOf(change);
  const Arrow = ARROWS[direction];
  const good = direction !== "flat" && direction === goodWhen;
  const changeText = change === null ? "—" : changeInPoints ? `${formatChange(change).replace("%", "")} pts` : formatChange(change);
  return (
    <Card className="gap-3 py-5" data-testid={`stat-${id}`}>
      <CardHeader className="flex flex-row items-center justify-between gap-2 px-5">
        <CardTitle className="text-sm font-medium text-muted-foreground">{label}</CardTitle>
        <Icon className="size-4 text-muted-foreground" aria-hidden />
      </CardHeader>
      <CardContent className="grid gap-1 px-5">
        <p className="tabular text-2xl font-semibold tracking-tight" data-testid="stat-value" data-value={raw}>
          {value}
        </p>
        <p className="flex items-center gap-1 text-xs text-muted-foreground">
          <span
            className={cn("inline-flex items-center gap-0.5 font-medium", direction === "flat" ? "text-muted-foreground" : good ? "text-success" : "text-destructive")}
            data-direction={direction}
          >
            <Arrow className="size-3.5" aria-hidden />
            <span className="sr-only">{direction === "flat" ? "unchanged" : direction === "up" ? "up" : "down"}</span>
            {changeText}
          </span>
          {comparedWith}
        </p>
      </CardContent>
    </Card>
  );
}
