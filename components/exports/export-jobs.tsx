"use client";

import { useState, useTransition } from "react";
import { Download, FileDown, RotateCcw, X } from "lucide-react";
import { toast } from "sonner";
import { cancelExport } from "@/app/actions/cancel-export";
import { retryExport } from "@/app/actions/retry-export";
import { EmptyState } from "@/components/empty-state";
import { ExportStatusBadge, ProgressBar } from "@/components/exports/export-status";
import { MODULE_LABELS, rowsLabel } from "@/components/exports/labels";
import { NewExportDialog } from "@/components/exports/new-export-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useActionFeedback } from "@/hooks/use-action-feedback";
import { useExportProgress } from "@/hooks/use-export-progress";
import { EXPORT_GRANULARITIES, EXPORT_MODULES, EXPORT_STATUSES, type ExportGranularity, type ExportModule, type ExportStatus } from "@/lib/constants";
import type { JobProgress } from "@/lib/exports/progress-types";
import { formatDay, timeAgo } from "@/lib/format";
import type { ExportJob } from "@/lib/queries/exports";

interface SiteChoice {
  id: string;
  code: string;
  name: string;
}

const ACTIVE: readonly string[] = ["pending", "processing"];
const oneOf = <Value extends string>(values: readonly Value[], value: string, otherwise: Value): Value => (values as readonly string[]).includes(value) ? (value as Value) : otherwise;
const statusOf = (job: ExportJob): ExportStatus => oneOf(EXPORT_STATUSES, job.status, "pending");
const isExpired = (job: ExportJob, now: number) => job.expiresAt !== null && Date.parse(job.expiresAt) < now;

/** The user's latest exports, live: progress bars move and a toast says when one is ready. */
export function ExportJobs({ initialJobs, sites, siteId }: { initialJobs: ExportJob[]; sites: readonly SiteChoice[]; siteId: string | null }) {
  const [jobs, setJobs] = useState(initialJobs);
  const [now] = useState(() => Date.now());
  const active = jobs.filter((job) => ACTIVE.includes(job.status)).map((job) => job.id);

  useExportProgress(active, (updates: JobProgress[]) => {
    // Toasts once per change of status, outside the state updater (React may run an updater twice).
    for (const update of updates) {
      const job = jobs.find((each) => each.id === update.id);
      if (!job || job.status === update.status) continue;
      if (update.status === "completed") toast.success(`${MODULE_LABELS[oneOf(EXPORT_MODULES, job.module, "dispatch")]} export is ready`);
      if (update.status === "failed") toast.error("An export failed", { description: update.errorMessage ?? undefined });
    }
    setJobs((current) =>
      current.map((job) => {
        const update = updates.find((each) => each.id === job.id);
        return update ? { ...job, status: update.status, progress: update.progress, errorMessage: update.errorMessage, downloadUrl: update.downloadUrl, filePath: update.filePath } : job;
      }),
    );
  });

  const replace = (next: ExportJob) => setJobs((current) => current.map((job) => (job.id === next.id ? next : job)));
  const siteCode = new Map(sites.map((site) => [site.id, site.code]));
  const dialog = <NewExportDialog sites={sites} siteId={siteId} onCreated={(job) => setJobs((current) => [job, ...current].slice(0, 20))} />;

  return (
    <div className="grid gap-3">
      <div className="flex justify-end">{dialog}</div>
      {jobs.length === 0 ? (
        <EmptyState icon={FileDown} title="No exports yet">
          Choose <strong>New export</strong> to make a CSV, XLSX or PDF of any module for a date range. It runs in the background and appears here with its progress.
        </EmptyState>
      ) : (
        <div className="rounded-xl border bg-card">
          <Table aria-label="Your exports" data-testid="export-jobs">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-4">Report</TableHead>
                <TableHead>Range</TableHead>
                <TableHead>Format</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Requested</TableHead>
                <TableHead className="pr-4 text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {jobs.map((job) => (
                <TableRow key={job.id} data-testid="export-job" data-id={job.id} data-status={job.status}>
                  <TableCell className="pl-4">
                    <div className="font-medium">
                      {MODULE_LABELS[oneOf<ExportModule>(EXPORT_MODULES, job.module, "dispatch")]} · {siteCode.get(job.siteId) ?? "—"}
                    </div>
                    <div className="text-xs text-muted-foreground">{rowsLabel(oneOf<ExportModule>(EXPORT_MODULES, job.module, "dispatch"), oneOf<ExportGranularity>(EXPORT_GRANULARITIES, job.granularity, "daily"))}</div>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {formatDay(job.dateFrom)} – {formatDay(job.dateTo)}
                  </TableCell>
                  <TableCell>
                    <Badge variant="secondary">{job.format.toUpperCase()}</Badge>
                  </TableCell>
                  <TableCell>
                    <div className="grid gap-1.5">
                      <ExportStatusBadge status={statusOf(job)} />
                      {ACTIVE.includes(job.status) ? <ProgressBar value={job.progress} label={`Progress of the ${job.module} export`} /> : null}
                      {job.status === "failed" && job.errorMessage ? <p className="max-w-xs text-xs text-destructive">{job.errorMessage}</p> : null}
                    </div>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground">{timeAgo(job.createdAt)}</TableCell>
                  <TableCell className="pr-4 text-right">
                    <JobActions job={job} expired={isExpired(job, now)} onChange={replace} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}

function JobActions({ job, expired, onChange }: { job: ExportJob; expired: boolean; onChange: (job: ExportJob) => void }) {
  const [pending, startTransition] = useTransition();
  const feedback = useActionFeedback();
  if (job.status === "completed" && expired) return <span className="text-xs text-muted-foreground">Expired</span>;
  if (job.status === "completed" && job.downloadUrl) {
    return (
      <Button variant="outline" size="sm" asChild>
        <a href={job.downloadUrl} download data-testid="download-export">
          <Download aria-hidden />
          Download
        </a>
      </Button>
    );
  }
  if (job.status === "failed") {
    return (
      <Button variant="outline" size="sm" disabled={pending} onClick={() => startTransition(async () => {
        const result = await retryExport(job.id);
        if (feedback(result, "Export queued again")) onChange(result.job);
      })}>
        <RotateCcw aria-hidden />
        Retry
      </Button>
    );
  }
  if (ACTIVE.includes(job.status)) {
    return (
      <Button variant="ghost" size="sm" disabled={pending} aria-label={`Cancel the ${job.module} export`} onClick={() => startTransition(async () => {
        const result = await cancelExport(job.id);
        if (feedback(result, "Export cancelled")) onChange(result.job);
      })}>
        <X aria-hidden />
        Cancel
      </Button>
    );
  }
  return null;
}
