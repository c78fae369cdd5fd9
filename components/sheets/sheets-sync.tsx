"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { AlertTriangle, CheckCircle2, Clock, History, Loader2, RefreshCw, RotateCcw, Skull, Upload } from "lucide-react";
import { backfillSheets } from "@/app/actions/backfill-sheets";
import { readSheetsStatus } from "@/app/actions/read-sheets-status";
import { reconcileSheets } from "@/app/actions/reconcile-sheets";
import { replaySheetsEvents } from "@/app/actions/replay-sheets-events";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { formatCount, timeAgo } from "@/lib/format";
import type { SheetsSyncStatus } from "@/lib/queries/sheets";

/** How often the page asks for the outbox's state while it is in view. */
const REFRESH_MS = 5_000;

interface ReconcileReport {
  at?: string;
  sheetRows?: number;
  missing?: number;
  different?: number;
  duplicated?: number;
  extra?: number;
}

/** The status, asked again every few seconds while the tab is visible. */
function useLiveStatus(initial: SheetsSyncStatus): [SheetsSyncStatus, () => Promise<void>] {
  const [status, setStatus] = useState(initial);
  const refresh = async () => {
    const result = await readSheetsStatus();
    if (result.success) setStatus(result.status);
  };
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return [status, refresh];
}

function Stat({ label, value, hint, icon: Icon, tone }: { label: string; value: number; hint?: string; icon: typeof Clock; tone?: "bad" | "warn" }) {
  const color = tone === "bad" && value > 0 ? "text-destructive" : tone === "warn" && value > 0 ? "text-amber-600 dark:text-amber-400" : "text-muted-foreground";
  return (
    <Card className="gap-2 py-4">
      <CardHeader className="px-4">
        <CardDescription className="flex items-center gap-2">
          <Icon className={`size-4 ${color}`} aria-hidden />
          {label}
        </CardDescription>
        <CardTitle className="text-2xl tabular-nums" data-testid={`sheets-${label.toLowerCase().split(" ")[0]}`}>{formatCount(value)}</CardTitle>
      </CardHeader>
      {hint ? <CardContent className="px-4 text-xs text-muted-foreground">{hint}</CardContent> : null}
    </Card>
  );
}

function BackfillDialog({ onDone }: { onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState({ dateFrom: "", dateTo: "" });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const feedback = useActionFeedback();
  const id = useId();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await backfillSheets(range);
      if (!result.success && result.code === "VALIDATION_ERROR") return setError(result.message);
      if (feedback(result, result.success ? `${formatCount(result.queued)} dispatch(es) queued for the sheet` : undefined)) {
        setOpen(false);
        onDone();
      }
    });
  };
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Upload aria-hidden /> Backfill…
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Backfill the sheet</DialogTitle>
            <DialogDescription>Every dispatch of these days is sent again. Rows already right stay as they are; none is doubled.</DialogDescription>
          </DialogHeader>
          <div className="grid grid-cols-2 gap-3">
            <Field label="From" htmlFor={`${id}-from`}>
              <Input id={`${id}-from`} type="date" required value={range.dateFrom} onChange={(event) => setRange({ ...range, dateFrom: event.target.value })} />
            </Field>
            <Field label="To" htmlFor={`${id}-to`}>
              <Input id={`${id}-to`} type="date" required value={range.dateTo} onChange={(event) => setRange({ ...range, dateTo: event.target.value })} />
            </Field>
          </div>
          {error ? <p role="alert" className="text-sm text-destructive">{error}</p> : null}
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 className="animate-spin" aria-hidden /> : null} Queue dispatches
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ReconcileSummary({ report, at }: { report: ReconcileReport | null; at: string | null }) {
  if (!report || !at) return <p className="text-sm text-muted-foreground">No reconcile yet. It runs every night; run it now to compare the sheet with DeskOps.</p>;
  const drift = (report.missing ?? 0) + (report.different ?? 0) + (report.duplicated ?? 0) + (report.extra ?? 0);
  return (
    <p className="text-sm text-muted-foreground">
      {timeAgo(at)}: {formatCount(report.sheetRows ?? 0)} sheet rows read,{" "}
      {drift === 0 ? "no drift." : `${formatCount(drift)} repaired (${report.missing ?? 0} missing, ${report.different ?? 0} different, ${report.duplicated ?? 0} duplicated, ${report.extra ?? 0} extra).`}
    </p>
  );
}

export function SheetsSync({ initialStatus }: { initialStatus: SheetsSyncStatus }) {
  const [status, refresh] = useLiveStatus(initialStatus);
  const [replaying, startReplay] = useTransition();
  const [reconciling, startReconcile] = useTransition();
  const feedback = useActionFeedback();
  const waiting = status.pending + status.failed;

  const replay = () =>
    startReplay(async () => {
      const result = await replaySheetsEvents();
      if (feedback(result, result.success ? `${formatCount(result.replayed)} event(s) queued again` : undefined)) await refresh();
    });
  const reconcile = () =>
    startReconcile(async () => {
      const result = await reconcileSheets();
      if (feedback(result, "The sheet was compared with DeskOps")) await refresh();
    });

  return (
    <div className="grid gap-4">
      {status.waitingReason ? (
        <Alert>
          <Clock aria-hidden />
          <AlertTitle>Events are waiting</AlertTitle>
          <AlertDescription>{status.waitingReason}. Nothing is lost: they go out once the sheet&apos;s web app is configured (see integrations/google-sheets/README.md).</AlertDescription>
        </Alert>
      ) : null}
      {status.lastError && (status.failed > 0 || status.dead > 0) ? (
        <Alert variant="destructive">
          <AlertTriangle aria-hidden />
          <AlertTitle>The last delivery failed{status.lastErrorAt ? ` ${timeAgo(status.lastErrorAt)}` : ""}</AlertTitle>
          <AlertDescription>{status.lastError}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Delivered" value={status.delivered} icon={CheckCircle2} hint={status.lastDeliveredAt ? `Last ${timeAgo(status.lastDeliveredAt)} · kept 7 days` : "Kept 7 days"} />
        <Stat label="Waiting" value={status.pending} icon={Clock} hint={waiting > 0 && status.oldestPendingAt ? `Oldest queued ${timeAgo(status.oldestPendingAt)}` : "Nothing queued"} />
        <Stat label="Retrying" value={status.failed} icon={RefreshCw} tone="warn" hint={status.failed > 0 && status.nextAttemptAt ? `Next try ${timeAgo(status.nextAttemptAt)}` : "Backoff from 5 s to 1 h"} />
        <Stat label="Dead" value={status.dead} icon={Skull} tone="bad" hint="Failed 12 times; replay them when the cause is fixed" />
      </div>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-base">
            <History className="size-4" aria-hidden /> Reconcile
          </CardTitle>
          <ReconcileSummary report={status.lastReconcile as ReconcileReport | null} at={status.lastReconcileAt} />
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          <Button onClick={reconcile} disabled={reconciling}>
            {reconciling ? <Loader2 className="animate-spin" aria-hidden /> : <History aria-hidden />} Reconcile now
          </Button>
          <Button variant="outline" onClick={replay} disabled={replaying || status.dead === 0}>
            {replaying ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />} Replay dead events
          </Button>
          <BackfillDialog onDone={() => void refresh()} />
        </CardContent>
      </Card>
      <p className="text-xs text-muted-foreground">
        {status.lastDrainAt ? `The drainer last ran ${timeAgo(status.lastDrainAt)}. ` : "The drainer has not run yet. "}
        This page refreshes every {REFRESH_MS / 1000} seconds.
      </p>
    </div>
  );
}
