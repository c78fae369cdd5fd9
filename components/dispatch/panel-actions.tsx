"use client";

import { useState, useTransition } from "react";
import { Loader2, Trash2 } from "lucide-react";
import { updateDispatch } from "@/app/actions/update-dispatch";
import { DeleteDispatchDialog } from "@/components/dispatch/dispatch-actions";
import { useClosePanel } from "@/components/dispatch/dispatch-panel";
import { STATUS_LABELS } from "@/components/dispatch/status-badge";
import { Button } from "@/components/ui/button";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import type { DispatchStatus } from "@/lib/constants";
import { dispatchName } from "@/lib/dispatch/labels";
import type { DispatchListRow } from "@/lib/queries/dispatch";
import { canDeleteDispatch, nextStatuses, type Actor } from "@/lib/roles";

const BUTTON_LABELS: Record<DispatchStatus, string> = { pending: "Back to pending", ongoing: "Mark ongoing", completed: "Mark completed", cancelled: "Cancel dispatch" };

/** The panel's buttons: the lifecycle's next steps the user may take, and delete for managers. */
export function PanelActions({ row, actor }: { row: DispatchListRow; actor: Actor }) {
  const feedback = useActionFeedback();
  const closePanel = useClosePanel();
  const [moving, startMove] = useTransition();
  const [target, setTarget] = useState<DispatchStatus | null>(null);
  const [confirming, setConfirming] = useState(false);
  const moves = nextStatuses(actor, row);
  const mayDelete = canDeleteDispatch(actor, row);
  if (moves.length === 0 && !mayDelete) return null;

  const move = (to: DispatchStatus) => {
    setTarget(to);
    startMove(async () => {
      const result = await updateDispatch(row.id, { status: to });
      feedback(result, `${dispatchName(row)} is now ${STATUS_LABELS[to].toLowerCase()}.`);
    });
  };

  return (
    <div className="flex flex-wrap gap-2" data-testid="panel-actions">
      {moves.map((to) => (
        <Button key={to} size="sm" variant={to === "cancelled" ? "outline" : "default"} disabled={moving} onClick={() => move(to)}>
          {moving && target === to ? <Loader2 className="animate-spin" aria-hidden /> : null}
          {BUTTON_LABELS[to]}
        </Button>
      ))}
      {mayDelete ? (
        <>
          <Button size="sm" variant="ghost" className="text-destructive hover:text-destructive" onClick={() => setConfirming(true)}>
            <Trash2 aria-hidden />
            Delete
          </Button>
          <DeleteDispatchDialog row={row} open={confirming} onOpenChange={setConfirming} onDeleted={closePanel} />
        </>
      ) : null}
    </div>
  );
}
