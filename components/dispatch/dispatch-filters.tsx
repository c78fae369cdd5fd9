"use client";

import { useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Loader2, X } from "lucide-react";
import { STATUS_LABELS } from "@/components/dispatch/status-badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { DISPATCH_STATUSES, isDispatchStatus } from "@/lib/constants";
import { activeFilterCount, dispatchPageUrl, type DispatchPageFilters } from "@/lib/dispatch/filter-links";

const ALL = "all";

interface DispatchFiltersProps {
  filters: DispatchPageFilters;
  regions: string[];
  siteCode: string | null;
}

/** Every filter of GET /api/dispatch, kept in the URL: a reload or a shared link shows the same rows. */
export function DispatchFilters({ filters, regions, siteCode }: DispatchFiltersProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  const apply = (next: DispatchPageFilters) => startTransition(() => router.replace(dispatchPageUrl(pathname, siteCode, next), { scroll: false }));
  const set = <Key extends keyof DispatchPageFilters>(key: Key, value: DispatchPageFilters[Key]) => {
    if ((value || undefined) !== filters[key]) apply({ ...filters, [key]: value || undefined });
  };
  const count = activeFilterCount(filters);

  return (
    <search aria-label="Filter dispatches" className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-3" data-testid="dispatch-filters">
      <Field labelClassName="text-xs text-muted-foreground" label="Status" htmlFor="filter-status">
        <Select value={filters.status ?? ALL} onValueChange={(value) => set("status", isDispatchStatus(value) ? value : undefined)}>
          <SelectTrigger id="filter-status" className="w-40">
            {/* The label is given, not copied from the chosen item after hydration: the server's HTML shows it. */}
            <SelectValue>{filters.status ? STATUS_LABELS[filters.status] : "All statuses"}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All statuses</SelectItem>
            {DISPATCH_STATUSES.map((status) => (
              <SelectItem key={status} value={status}>
                {STATUS_LABELS[status]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </Field>
      <Field labelClassName="text-xs text-muted-foreground" label="Region" htmlFor="filter-region">
        <Select value={filters.region ?? ALL} onValueChange={(value) => set("region", value === ALL ? undefined : value)}>
          <SelectTrigger id="filter-region" className="w-40">
            <SelectValue>{filters.region ?? "All regions"}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All regions</SelectItem>
            {regions.map((region) => (
              <SelectItem key={region} value={region}>
                {region}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </Field>
      <TextFilter id="filter-cluster" label="Cluster" value={filters.cluster} placeholder="Any cluster" onCommit={(value) => set("cluster", value)} />
      <TextFilter id="filter-processor" label="Processor" value={filters.processor} placeholder="Any processor" onCommit={(value) => set("processor", value)} />
      <Field labelClassName="text-xs text-muted-foreground" label="From" htmlFor="filter-from">
        <Input id="filter-from" type="date" className="w-40" value={filters.dateFrom ?? ""} max={filters.dateTo} onChange={(event) => set("dateFrom", event.target.value)} />
      </Field>
      <Field labelClassName="text-xs text-muted-foreground" label="To" htmlFor="filter-to">
        <Input id="filter-to" type="date" className="w-40" value={filters.dateTo ?? ""} min={filters.dateFrom} onChange={(event) => set("dateTo", event.target.value)} />
      </Field>
      <div className="flex h-9 items-center gap-2">
        {count > 0 ? (
          <Button variant="ghost" size="sm" onClick={() => apply({})} data-testid="clear-filters">
            <X aria-hidden />
            Clear {count === 1 ? "filter" : `${count} filters`}
          </Button>
        ) : null}
        {pending ? <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label="Updating the list" /> : null}
      </div>
    </search>
  );
}

/** A "contains" filter, applied on Enter or when the field is left (not on every keystroke). */
function TextFilter({ id, label, value, placeholder, onCommit }: { id: string; label: string; value: string | undefined; placeholder: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value ?? "");
  const [shown, setShown] = useState(value);
  // The URL changed elsewhere (Clear, back button): show its value.
  if (shown !== value) {
    setShown(value);
    setText(value ?? "");
  }
  return (
    <Field labelClassName="text-xs text-muted-foreground" label={label} htmlFor={id}>
      <Input
        id={id}
        type="search"
        className="w-44"
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => onCommit(text.trim())}
        onKeyDown={(event) => {
          if (event.key === "Enter") onCommit(text.trim());
        }}
      />
    </Field>
  );
}
