"use client";

// After a paste: which pasted column went to which grid column, each one changeable (the rows are
// placed again from the same paste). A header's choice is remembered for the next paste.
import { useState } from "react";
import { ArrowRight, X } from "lucide-react";
import type { LastPaste } from "@/hooks/use-grid-editor";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { GridColumn } from "@/lib/grid/columns";

const SKIP = "__skip";

interface MappingBarProps {
  columns: readonly GridColumn[];
  paste: LastPaste;
  onChange: (index: number, key: string | null) => void;
  onDismiss: () => void;
}

export function MappingBar({ columns, paste, onChange, onDismiss }: MappingBarProps) {
  const labelOf = (key: string | null) => columns.find((column) => column.key === key)?.label ?? "Leave out";
  const sourceOf = (index: number) => paste.header?.[index] || `Column ${index + 1}`;
  const leftOut = paste.mapping.flatMap((key, index) => (key === null ? [sourceOf(index)] : []));
  // Open at once when something was left out: that is where a wrong guess shows.
  const [open, setOpen] = useState(leftOut.length > 0);
  const placed = paste.mapping.length - leftOut.length;
  return (
    <section aria-label="Pasted columns" className="grid gap-2 rounded-lg border bg-muted/40 px-3 py-2" data-testid="mapping-bar">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium">Pasted {paste.lines.length} rows.</span>{" "}
          <span className="text-muted-foreground">
            {placed} {placed === 1 ? "column" : "columns"} {paste.header ? "matched by their headers" : "taken in order (no header row)"}
            {leftOut.length > 0 ? `; left out: ${leftOut.join(", ")}` : ""}.
          </span>{" "}
          <Button variant="link" size="sm" className="h-auto p-0" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="mapping-toggle">
            {open ? "Hide columns" : "Change columns"}
          </Button>
        </p>
        <Button variant="ghost" size="icon" aria-label="Hide the column mapping" onClick={onDismiss}>
          <X aria-hidden />
        </Button>
      </div>
      <div className={open ? "flex flex-wrap gap-2" : "hidden"}>
        {paste.mapping.map((key, index) => {
          const source = sourceOf(index);
          return (
            <div key={index} className="flex items-center gap-1.5 rounded-md border bg-background py-1 pr-1 pl-2 text-xs">
              <span className="max-w-32 truncate font-medium" title={source}>
                {source}
              </span>
              <ArrowRight className="size-3 text-muted-foreground" aria-hidden />
              <Select value={key ?? SKIP} onValueChange={(value) => onChange(index, value === SKIP ? null : value)}>
                <SelectTrigger size="sm" className="h-7 w-36 text-xs" aria-label={`Grid column for "${source}"`} data-testid="mapping-select">
                  <SelectValue>{labelOf(key)}</SelectValue>
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={SKIP}>Leave out</SelectItem>
                  {columns.map((column) => (
                    <SelectItem key={column.key} value={column.key}>
                      {column.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          );
        })}
      </div>
    </section>
  );
}
