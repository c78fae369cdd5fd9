"use client";

import { useState, useTransition } from "react";
import { ChevronDown, Loader2, MoreHorizontal, PanelRightOpen, Trash2 } from "lucide-react";
import { deleteDispatch } from "@/app/actions/delete-dispatch";
import { updateDispatch } from "@/app/actions/update-dispatch";
import { STATUS_LABELS, StatusBadge } from "@/components/dispatch/status-badge";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { isDispatchStatus, type DispatchStatus } from "@/lib/constants";
import { dispatchName } from "@/lib/dispatch/labels";
import type { DispatchListRow } from "@/lib/queries/dispatch";
import { canDeleteDispatch, nextStatuses, type Actor } from "@/lib/roles";

export interface DispatchChange {
  status?: string;
  remarks?: string | null;
  updated_at?: string;
}

const MOVE_LABELS: Record<DispatchStatus, string> = {
  pending: "Back to pending",
  ongoing: "Mark ongoing",
  completed: "Mark completed",
  cancelled: "Cancel dispatch",
};

/** The status, and where the user may move it within the lifecycle (nothing for a viewer). */
export function StatusMenu({ row, actor, onChanged }: { row: DispatchListRow; actor: Actor; onChanged: (id: string, change: DispatchChange) => void }) {
  const feedback = useActionFeedback();
  const [pending, startChange] = useTransition();
  const status = isDispatchStatus(row.status) ? row.status : "pending";
  const moves = nextStatuses(actor, row);
  if (moves.length === 0) return <StatusBadge status={status} />;

  const move = (to: DispatchStatus) =>
    startChange(async () => {
      const result = await updateDispatch(row.id, { status: to });
      if (feedback(result, `${dispatchName(row)} is now ${STATUS_LABELS[to].toLowerCase()}.`)) onChanged(row.id, { status: to, updated_at: result.dispatch.updatedAt });
    });

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <button
          type="button"
          className="inline-flex items-center gap-1 rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
          aria-label={`Status: ${STATUS_LABELS[status]}. Change the status of ${dispatchName(row)}`}
          data-testid="status-menu"
          onClick={(event) => event.stopPropagation()}
        >
          <StatusBadge status={status} />
          {pending ? <Loader2 className="size-3.5 animate-spin text-muted-foreground" aria-hidden /> : <ChevronDown className="size-3.5 text-muted-foreground" aria-hidden />}
        </button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" onClick={(event) => event.stopPropagation()}>
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Change status</DropdownMenuLabel>
        {moves.map((to) => (
          <DropdownMenuItem key={to} variant={to === "cancelled" ? "destructive" : "default"} onSelect={() => move(to)}>
            {MOVE_LABELS[to]}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** ⋯ on a row: open its panel, delete it (managers). */
export function RowMenu({ row, actor, onOpen, onDeleted }: { row: DispatchListRow; actor: Actor; onOpen: () => void; onDeleted: (id: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${dispatchName(row)}`} onClick={(event) => event.stopPropagation()} data-testid="row-menu">
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" onClick={(event) => event.stopPropagation()}>
          <DropdownMenuItem onSelect={onOpen}>
            <PanelRightOpen aria-hidden />
            Open details
          </DropdownMenuItem>
          {canDeleteDispatch(actor, row) ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => setConfirming(true)}>
                <Trash2 aria-hidden />
                Delete…
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
      <DeleteDispatchDialog row={row} open={confirming} onOpenChange={setConfirming} onDeleted={onDeleted} />
    </>
  );
}

export function DeleteDispatchDialog({ row, open, onOpenChange, onDeleted }: { row: DispatchListRow; open: boolean; onOpenChange: (open: boolean) => void; onDeleted: (id: string) => void }) {
  const feedback = useActionFeedback();
  const [deleting, startDelete] = useTransition();
  const confirm = () =>
    startDelete(async () => {
      const result = await deleteDispatch(row.id);
      if (feedback(result, `${dispatchName(row)} was deleted.`)) {
        onOpenChange(false);
        onDeleted(row.id);
      }
    });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent onClick={(event) => event.stopPropagation()}>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {dispatchName(row)}?</AlertDialogTitle>
          <AlertDialogDescription>
            The dispatch leaves the list, the dashboards and the Google Sheet. Its history stays in the audit log.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={deleting}>Keep it</AlertDialogCancel>
          <AlertDialogAction
            onClick={(event) => {
              event.preventDefault();
              confirm();
            }}
            disabled={deleting}
            className="bg-destructive text-white hover:bg-destructive/90"
          >
            {deleting ? <Loader2 className="animate-spin" aria-hidden /> : null}
            Delete dispatch
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
