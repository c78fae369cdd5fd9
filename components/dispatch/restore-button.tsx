"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { ArchiveRestore, Loader2 } from "lucide-react";
import { restoreRow } from "@/app/actions/restore-row";
import { Button } from "@/components/ui/button";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import type { AuditedTable } from "@/lib/constants";

/** Brings a deleted row back from its history; the panel then shows it as it was. */
export function RestoreButton({ table, id }: { table: AuditedTable; id: string }) {
  const feedback = useActionFeedback();
  const router = useRouter();
  const [restoring, startRestore] = useTransition();
  const restore = () =>
    startRestore(async () => {
      if (feedback(await restoreRow({ table, id }), "Restored, as it was before the delete.")) router.refresh();
    });
  return (
    <Button onClick={restore} disabled={restoring} data-testid="restore-row">
      {restoring ? <Loader2 className="animate-spin" aria-hidden /> : <ArchiveRestore aria-hidden />}
      Restore
    </Button>
  );
}
