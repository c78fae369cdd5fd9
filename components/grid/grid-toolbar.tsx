"use client";

// Above the grid: import a file, the row commands, undo and redo, the date order for slash dates,
// and whether a draft was restored.
import { useRef } from "react";
import { CopyPlus, FileUp, Plus, Redo2, Rows3, Trash2, Undo2 } from "lucide-react";
import type { DraftStatus } from "@/hooks/use-grid-draft";
import type { GridEditor } from "@/hooks/use-grid-editor";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { DateOrder } from "@/lib/grid/values";

const DETECT = "detect";
const ORDER_CHOICES = [DETECT, "dmy", "mdy"] as const;
const ORDER_LABELS: Record<(typeof ORDER_CHOICES)[number], string> = {
  detect: "Ask when unclear",
  dmy: "Day first (21/11/2026)",
  mdy: "Month first (11/21/2026)",
};

interface GridToolbarProps {
  editor: GridEditor;
  dateOrder: DateOrder | null;
  onDateOrder: (order: DateOrder | null) => void;
  disabled: boolean;
  draftStatus: DraftStatus;
  onImport: (text: string) => void;
}

export function GridToolbar({ editor, dateOrder, onDateOrder, disabled, draftStatus, onImport }: GridToolbarProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const rows = editor.range.bottom - editor.range.top + 1;
  const rowWord = rows === 1 ? "row" : `${rows} rows`;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-wrap items-center gap-1.5" role="toolbar" aria-label="Grid">
        <Button variant="outline" size="sm" onClick={() => fileRef.current?.click()} disabled={disabled}>
          <FileUp aria-hidden />
          Import file
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          className="sr-only"
          tabIndex={-1}
          aria-label="CSV, TSV or text file to import"
          data-testid="grid-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) void file.text().then(onImport);
          }}
        />
        <span className="mx-1 h-5 w-px bg-border" aria-hidden />
        <Button variant="ghost" size="sm" onClick={editor.rowActions.add} disabled={disabled}>
          <Plus aria-hidden />
          Add row
        </Button>
        <Button variant="ghost" size="sm" onClick={editor.rowActions.insert} disabled={disabled}>
          <Rows3 aria-hidden />
          Insert {rowWord} above
        </Button>
        <Button variant="ghost" size="sm" onClick={editor.rowActions.duplicate} disabled={disabled}>
          <CopyPlus aria-hidden />
          Duplicate {rowWord}
        </Button>
        <Button variant="ghost" size="sm" onClick={editor.rowActions.remove} disabled={disabled}>
          <Trash2 aria-hidden />
          Delete {rowWord}
        </Button>
        <span className="mx-1 h-5 w-px bg-border" aria-hidden />
        <Button variant="ghost" size="icon" aria-label="Undo (Ctrl+Z)" title="Undo (Ctrl+Z)" onClick={() => editor.apply({ type: "undo" })} disabled={disabled || editor.history.past.length === 0}>
          <Undo2 aria-hidden />
        </Button>
        <Button variant="ghost" size="icon" aria-label="Redo (Ctrl+Shift+Z)" title="Redo (Ctrl+Shift+Z)" onClick={() => editor.apply({ type: "redo" })} disabled={disabled || editor.history.future.length === 0}>
          <Redo2 aria-hidden />
        </Button>
        {draftStatus.state === "ready" && draftStatus.restored > 0 ? (
          <span className="ml-2 text-xs text-muted-foreground" data-testid="draft-restored">
            Draft restored: {draftStatus.restored} {draftStatus.restored === 1 ? "row" : "rows"}
          </span>
        ) : null}
      </div>
      <div className="grid gap-1">
        <Label htmlFor="grid-date-order" className="text-xs text-muted-foreground">
          Dates like 03/04/2026
        </Label>
        <Select value={dateOrder ?? DETECT} onValueChange={(value) => onDateOrder(value === "dmy" || value === "mdy" ? value : null)}>
          <SelectTrigger id="grid-date-order" size="sm" className="w-52">
            <SelectValue>{ORDER_LABELS[dateOrder ?? DETECT]}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            {ORDER_CHOICES.map((order) => (
              <SelectItem key={order} value={order}>
                {ORDER_LABELS[order]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}
