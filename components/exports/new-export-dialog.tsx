"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { FileDown, Loader2 } from "lucide-react";
import { createExport } from "@/app/actions/create-export";
import { estimateExport } from "@/app/actions/estimate-export";
import { GRANULARITY_LABELS, MODULE_LABELS } from "@/components/exports/labels";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { EXPORT_FORMATS, EXPORT_GRANULARITIES, EXPORT_MODULES, type ExportFormat, type ExportGranularity, type ExportModule } from "@/lib/constants";
import { formatCount } from "@/lib/format";
import type { ExportJob } from "@/lib/queries/exports";

interface SiteChoice {
  id: string;
  code: string;
  name: string;
}

interface Request {
  siteId: string;
  module: ExportModule;
  format: ExportFormat;
  granularity: ExportGranularity;
  dateFrom: string;
  dateTo: string;
}

type Estimate = { rows: number; cap: number | null } | { error: string } | null;

const localDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

function thisMonth(): Pick<Request, "dateFrom" | "dateTo"> {
  const today = new Date();
  return { dateFrom: localDay(new Date(today.getFullYear(), today.getMonth(), 1)), dateTo: localDay(today) };
}

/** How many rows the report would have, asked as the form changes (after a pause in typing). */
function useEstimate(request: Request, open: boolean): Estimate {
  const [estimate, setEstimate] = useState<Estimate>(null);
  const key = JSON.stringify(request);
  useEffect(() => {
    if (!open || !request.siteId || !request.dateFrom || !request.dateTo) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await estimateExport(JSON.parse(key) as Request);
      if (current) setEstimate(result.success ? result.estimate : { error: result.message });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` is the request, compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, open]);
  return estimate;
}

export function NewExportDialog({ sites, siteId, onCreated }: { sites: readonly SiteChoice[]; siteId: string | null; onCreated: (job: ExportJob) => void }) {
  const [open, setOpen] = useState(false);
  const [request, setRequest] = useState<Request>(() => ({ siteId: siteId ?? sites[0]?.id ?? "", module: "dispatch", format: "csv", granularity: "daily", ...thisMonth() }));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const feedback = useActionFeedback();
  const estimate = useEstimate(request, open);
  const id = useId();
  const set = <Key extends keyof Request>(key: Key, value: Request[Key]) => {
    setError(null);
    setRequest((previous) => ({ ...previous, [key]: value }));
  };
  const overCap = estimate && "rows" in estimate && estimate.cap !== null && estimate.rows > estimate.cap;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createExport(request);
      if (!result.success) {
        if (result.code === "UNAUTHORIZED") feedback(result);
        else setError(result.message);
        return;
      }
      feedback(result, "Export queued: it shows here as it runs");
      onCreated(result.job);
      setOpen(false);
    });
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid="new-export">
          <FileDown aria-hidden />
          New export
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>New export</DialogTitle>
          <DialogDescription>Made in the background; you can leave this page. Files are kept for 24 hours.</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4" aria-describedby={error ? `${id}-error` : undefined}>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Site" htmlFor={`${id}-site`} className="col-span-2">
              <NativeSelect id={`${id}-site`} value={request.siteId} onChange={(event) => set("siteId", event.target.value)} required>
                {sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.code} · {site.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label="Module" htmlFor={`${id}-module`}>
              <NativeSelect id={`${id}-module`} value={request.module} onChange={(event) => set("module", event.target.value as ExportModule)}>
                {EXPORT_MODULES.map((module) => (
                  <option key={module} value={module}>
                    {MODULE_LABELS[module]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label="Format" htmlFor={`${id}-format`}>
              <NativeSelect id={`${id}-format`} value={request.format} onChange={(event) => set("format", event.target.value as ExportFormat)}>
                {EXPORT_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {format.toUpperCase()}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label="From" htmlFor={`${id}-from`}>
              <Input id={`${id}-from`} type="date" value={request.dateFrom} max={request.dateTo} onChange={(event) => set("dateFrom", event.target.value)} required />
            </Field>
            <Field label="To" htmlFor={`${id}-to`}>
              <Input id={`${id}-to`} type="date" value={request.dateTo} min={request.dateFrom} onChange={(event) => set("dateTo", event.target.value)} required />
            </Field>
            <Field label="Rows" htmlFor={`${id}-granularity`} className="col-span-2">
              <NativeSelect id={`${id}-granularity`} value={request.granularity} onChange={(event) => set("granularity", event.target.value as ExportGranularity)}>
                {EXPORT_GRANULARITIES.map((granularity) => (
                  <option key={granularity} value={granularity}>
                    {GRANULARITY_LABELS[granularity]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </div>
          <EstimateNote estimate={estimate} format={request.format} />
          {error ? (
            <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Close
            </Button>
            <Button type="submit" disabled={pending || Boolean(overCap)}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
              Export
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function EstimateNote({ estimate, format }: { estimate: Estimate; format: ExportFormat }) {
  if (!estimate) return <p className="text-sm text-muted-foreground" data-testid="export-estimate">Counting rows…</p>;
  if ("error" in estimate) return <p className="text-sm text-destructive" data-testid="export-estimate">{estimate.error}</p>;
  if (estimate.cap !== null && estimate.rows > estimate.cap) {
    return (
      <p className="text-sm text-destructive" data-testid="export-estimate">
        {formatCount(estimate.rows)} rows: a {format.toUpperCase()} holds at most {formatCount(estimate.cap)}. Choose CSV, which has no limit, or a shorter range.
      </p>
    );
  }
  return (
    <p className="text-sm text-muted-foreground" data-testid="export-estimate">
      {estimate.rows === 0 ? "No rows in this range yet: the file will hold the header only." : `About ${formatCount(estimate.rows)} rows.`}
      {estimate.cap !== null ? ` ${format.toUpperCase()} holds up to ${formatCount(estimate.cap)}.` : null}
    </p>
  );
}
