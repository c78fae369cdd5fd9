"use client";

// Record an opening balance, a physical count or an adjustment for one material and day. Field
// errors come from the action's schema and show beside their field; the ledger refreshes after.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Loader2 } from "lucide-react";
import { recordInventory } from "@/app/actions/record-inventory";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { issueMessages } from "@/lib/forms";
import { INVENTORY_ENTRY_KINDS, type InventoryEntryKind as Kind } from "@/lib/constants";
import { readNumber } from "@/lib/grid/values";


const KIND_LABELS: Record<Kind, string> = { count: "Physical count", opening: "Opening balance", adjustment: "Adjustment" };
const TONNES_LABELS: Record<Kind, string> = { count: "Counted tonnes", opening: "Opening tonnes", adjustment: "Tonnes to add (negative to remove)" };

interface InventoryFormProps {
  siteId: string;
  today: string;
  materials: ReadonlyArray<{ id: string; name: string; code: string }>;
  materialId?: string;
}

export function InventoryForm({ siteId, today, materials, materialId }: InventoryFormProps) {
  const router = useRouter();
  const feedback = useActionFeedback();
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<Kind>("count");
  const [material, setMaterial] = useState(materialId ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});

  // onSubmit, not a form action: React resets a form after its action, and Radix's selects follow a
  // reset back to their defaults, which would lose the chosen kind and material.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const tonnesText = String(form.get("tonnes") ?? "");
    const tonnes = readNumber(tonnesText);
    if (!tonnes.ok) {
      setErrors({ tonnes: tonnes.message });
      return;
    }
    startTransition(async () => {
      const result = await recordInventory({ siteId, materialId: material, date: String(form.get("date") ?? ""), kind, tonnes: tonnes.value, reason: String(form.get("reason") ?? "") || undefined });
      if (!result.success && result.code === "VALIDATION_ERROR") {
        setErrors(issueMessages(result.details));
        return;
      }
      if (feedback(result, `${KIND_LABELS[kind]} saved`)) {
        setErrors({});
        for (const name of ["tonnes", "reason"]) {
          const input = element.elements.namedItem(name);
          if (input instanceof HTMLInputElement) input.value = "";
        }
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-xl border bg-card p-4" aria-label="Record stock" data-testid="inventory-form">
      <h2 className="text-sm font-medium">Record stock</h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="grid gap-2">
          <Label htmlFor="inventory-kind">What</Label>
          <Select value={kind} onValueChange={(value) => setKind(value === "opening" || value === "adjustment" ? value : "count")}>
            <SelectTrigger id="inventory-kind" className="w-full">
              <SelectValue>{KIND_LABELS[kind]}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              {INVENTORY_ENTRY_KINDS.map((option) => (
                <SelectItem key={option} value={option}>
                  {KIND_LABELS[option]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="inventory-material">Material</Label>
          <Select value={material} onValueChange={setMaterial}>
            <SelectTrigger id="inventory-material" className="w-full" aria-invalid={errors.materialId ? true : undefined} aria-describedby={errors.materialId ? "inventory-material-error" : undefined}>
              <SelectValue placeholder="Choose a material">{materials.find((option) => option.id === material)?.name}</SelectValue>
            </SelectTrigger>
            <SelectContent>
              {materials.map((option) => (
                <SelectItem key={option.id} value={option.id}>
                  {option.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {errors.materialId ? (
            <p id="inventory-material-error" className="text-sm text-destructive">
              {errors.materialId}
            </p>
          ) : null}
        </div>
        <FormField name="date" label="Day" type="date" defaultValue={today} max={today} required error={errors.date} />
        <FormField name="tonnes" label={TONNES_LABELS[kind]} inputMode="decimal" required error={errors.tonnes} />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <FormField className="min-w-64 flex-1" name="reason" label={kind === "adjustment" ? "Reason" : "Note (optional)"} required={kind === "adjustment"} error={errors.reason} />
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
          Save {KIND_LABELS[kind].toLowerCase()}
        </Button>
      </div>
    </form>
  );
}
