"use client";

// Edit and delete one row of a site log, in place: the row's fields in a dialog, read and checked
// the way the grid reads them (names for materials, machines and roles; numbers and dates as people
// type them) and saved through the log's update action; delete after a confirmation.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Loader2, Pencil, Trash2 } from "lucide-react";
import { deleteEquipmentLog } from "@/app/actions/delete-equipment-log";
import { deleteManpowerLog } from "@/app/actions/delete-manpower-log";
import { deleteProduction } from "@/app/actions/delete-production";
import { deleteReceivedMaterial } from "@/app/actions/delete-received-material";
import { updateEquipmentLog } from "@/app/actions/update-equipment-log";
import { updateManpowerLog } from "@/app/actions/update-manpower-log";
import { updateProduction } from "@/app/actions/update-production";
import { updateReceivedMaterial } from "@/app/actions/update-received-material";
import { FormField } from "@/components/form-field";
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
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { LOG_GRIDS, type LogGridName } from "@/lib/grid/modules";
import { checkRow, type Catalogue, type GridModule } from "@/lib/grid/validate";

const UPDATE = { production: updateProduction, received: updateReceivedMaterial, equipment: updateEquipmentLog, manpower: updateManpowerLog };
const REMOVE = { production: deleteProduction, received: deleteReceivedMaterial, equipment: deleteEquipmentLog, manpower: deleteManpowerLog };

interface LogRowActionsProps {
  log: LogGridName;
  id: string;
  /** What the row says, as the grid shows it ("Wood chips", "2026-11-21", "12.5"). */
  cells: Record<string, string>;
  /** A short name for the row in messages: "Wood chips on 21 Nov". */
  title: string;
  siteId: string;
  today: string;
  catalogue: Catalogue;
  canEdit: boolean;
  canDelete: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

export function LogRowActions({ log, id, cells, title, siteId, today, catalogue, canEdit, canDelete }: LogRowActionsProps) {
  const router = useRouter();
  const feedback = useActionFeedback();
  const [pending, startTransition] = useTransition();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const grid: GridModule<unknown> = LOG_GRIDS[log];

  function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typed = Object.fromEntries(grid.columns.map((column) => [column.key, String(form.get(column.key) ?? "")]));
    const check = checkRow(grid, { id, cells: typed }, { siteId, today, catalogue, dateOrder: null });
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    // The row's fields as the update action takes them: not its site, and emptied text as null.
    const changes: Record<string, unknown> = isRecord(check.input) ? Object.fromEntries(Object.entries(check.input).filter(([key]) => key !== "siteId")) : {};
    for (const column of grid.columns) if ((column.kind === "text" || column.kind === "choice") && typed[column.key]?.trim() === "") changes[column.key] = null;
    startTransition(async () => {
      if (feedback(await UPDATE[log](id, changes), "Saved")) {
        setErrors({});
        setEditing(false);
        router.refresh();
      }
    });
  }

  const remove = () =>
    startTransition(async () => {
      if (feedback(await REMOVE[log](id), "Deleted")) router.refresh();
      setConfirming(false);
    });

  return (
    <div className="flex justify-end gap-1">
      {canEdit ? (
        <Button variant="ghost" size="icon" aria-label={`Edit ${title}`} onClick={() => setEditing(true)}>
          <Pencil aria-hidden />
        </Button>
      ) : null}
      {canDelete ? (
        <Button variant="ghost" size="icon" aria-label={`Delete ${title}`} onClick={() => setConfirming(true)}>
          <Trash2 aria-hidden />
        </Button>
      ) : null}
      <Dialog open={editing} onOpenChange={setEditing}>
        <DialogContent className="sm:max-w-xl">
          <DialogHeader>
            <DialogTitle>Edit {title}</DialogTitle>
            <DialogDescription>Names, numbers and dates are read as the grid reads them.</DialogDescription>
          </DialogHeader>
          <form onSubmit={save} noValidate className="grid gap-3" aria-label={`Edit ${title}`}>
            <div className="grid gap-3 sm:grid-cols-2">
              {grid.columns.map((column) => (
                <FormField
                  key={column.key}
                  name={column.key}
                  label={column.label}
                  defaultValue={cells[column.key] ?? ""}
                  error={errors[column.key]}
                  list={column.lookup ? `${id}-${column.key}` : undefined}
                  className={column.key === "notes" ? "sm:col-span-2" : undefined}
                />
              ))}
              {grid.columns.map((column) =>
                column.lookup ? (
                  <datalist key={column.key} id={`${id}-${column.key}`}>
                    {(catalogue[column.lookup] ?? []).map((entry) => (
                      <option key={entry.id} value={entry.name} />
                    ))}
                  </datalist>
                ) : null,
              )}
            </div>
            <DialogFooter>
              <Button type="submit" disabled={pending}>
                {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
                Save changes
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <AlertDialog open={confirming} onOpenChange={setConfirming}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete {title}?</AlertDialogTitle>
            <AlertDialogDescription>The row leaves the log and the inventory ledger. Its history stays in the audit log.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep it</AlertDialogCancel>
            <AlertDialogAction onClick={remove} disabled={pending}>
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
