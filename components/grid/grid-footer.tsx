"use client";

// Under the grid: how many rows are ready and how many to fix (with a jump to the next), the
// likely duplicates, the save button and its progress or outcome.
import Link from "next/link";
import { AlertTriangle, CheckCircle2, CircleAlert, Loader2, Save } from "lucide-react";
import type { SaveState } from "@/hooks/use-grid-save";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/lib/format";

interface GridFooterProps {
  ready: number;
  toFix: number;
  duplicates: number;
  status: SaveState;
  noun: { one: string; many: string };
  listHref: string;
  onNextError: () => void;
  onSave: () => void;
  onDismiss: () => void;
}

export function GridFooter({ ready, toFix, duplicates, status, noun, listHref, onNextError, onSave, onDismiss }: GridFooterProps) {
  const saving = status.state === "saving";
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="grid-summary" data-ready={ready} data-to-fix={toFix} data-duplicates={duplicates} aria-live="polite">
          <span className="flex items-center gap-1.5">
            <CheckCircle2 className="size-4 text-success" aria-hidden />
            {formatCount(ready)} ready
          </span>
          {toFix > 0 ? (
            <span className="flex items-center gap-1.5 text-destructive">
              <CircleAlert className="size-4" aria-hidden />
              {formatCount(toFix)} to fix
            </span>
          ) : null}
          {duplicates > 0 ? (
            <span className="flex items-center gap-1.5 text-amber-700 dark:text-amber-400">
              <AlertTriangle className="size-4" aria-hidden />
              {formatCount(duplicates)} likely {duplicates === 1 ? "duplicate" : "duplicates"}
            </span>
          ) : null}
          {toFix > 0 ? (
            <Button variant="link" size="sm" className="h-auto p-0" onClick={onNextError}>
              Go to the next error
            </Button>
          ) : null}
        </p>
        <Button onClick={onSave} disabled={saving || ready === 0} data-testid="grid-save">
          {saving ? <Loader2 className="animate-spin" aria-hidden /> : <Save aria-hidden />}
          Save {formatCount(ready)} {ready === 1 ? "row" : "rows"}
        </Button>
      </div>
      {status.state === "saving" ? (
        <div className="grid gap-1" data-testid="save-progress">
          <div className="h-1.5 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label="Saving" aria-valuemin={0} aria-valuemax={status.total} aria-valuenow={status.done}>
            <div className="h-full bg-primary transition-[width]" style={{ width: `${(100 * status.done) / Math.max(1, status.total)}%` }} />
          </div>
          <p className="text-xs text-muted-foreground">
            Saving {formatCount(status.done)} of {formatCount(status.total)}…
          </p>
        </div>
      ) : null}
      {status.state === "saved" ? (
        <p role="status" className="flex items-center gap-2 text-sm text-success" data-testid="save-result">
          <CheckCircle2 className="size-4" aria-hidden />
          Saved {formatCount(status.count)} {status.count === 1 ? noun.one : noun.many}.
          <Link href={listHref} className="font-medium text-foreground underline underline-offset-4">
            See them in the list
          </Link>
          <Button variant="ghost" size="sm" onClick={onDismiss}>
            Dismiss
          </Button>
        </p>
      ) : null}
      {status.state === "failed" ? (
        <p role="alert" className="flex items-center gap-2 text-sm text-destructive" data-testid="save-error">
          <CircleAlert className="size-4 shrink-0" aria-hidden />
          {status.message}
        </p>
      ) : null}
    </div>
  );
}
