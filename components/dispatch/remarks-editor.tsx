"use client";

import { useId, useTransition } from "react";
import { Loader2 } from "lucide-react";
import { updateDispatch } from "@/app/actions/update-dispatch";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { useDraft } from "@/hooks/use-draft";

const MAX_REMARKS = 1000;

/** Remarks, editable by whoever may change the dispatch; what is typed survives a reload or a sign-in. */
export function RemarksEditor({ id, remarks }: { id: string; remarks: string | null }) {
  const fieldId = useId();
  const feedback = useActionFeedback();
  const [saving, startSave] = useTransition();
  const saved = remarks ?? "";
  const [value, setValue, forget] = useDraft(`dispatch-remarks:${id}`, saved);
  const changed = value !== saved;

  const save = () =>
    startSave(async () => {
      const result = await updateDispatch(id, { remarks: value.trim() || null });
      if (feedback(result, "Remarks saved.")) forget();
    });

  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Label htmlFor={fieldId}>Remarks</Label>
      <Textarea id={fieldId} value={value} maxLength={MAX_REMARKS} onChange={(event) => setValue(event.target.value)} placeholder="Anything the next shift should know" rows={3} />
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-muted-foreground">{changed ? "Not saved yet" : " "}</span>
        <div className="flex gap-2">
          {changed ? (
            <Button type="button" variant="ghost" size="sm" onClick={forget} disabled={saving}>
              Discard
            </Button>
          ) : null}
          <Button type="submit" size="sm" disabled={!changed || saving}>
            {saving ? <Loader2 className="animate-spin" aria-hidden /> : null}
            Save remarks
          </Button>
        </div>
      </div>
    </form>
  );
}
