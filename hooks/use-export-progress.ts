"use client";
// Live progress of export jobs from GET /api/exports/progress (Server-Sent Events fed by Realtime).
// One stream for the jobs still waiting or running; it is opened again when that set changes, and
// the server ends it when they are all done (or after 5 minutes, when it is opened again).
import { useEffect, useRef } from "react";
import type { JobProgress } from "@/lib/exports/progress-types";

interface ProgressEvent {
  type: "update" | "keepalive" | "complete";
  jobs?: JobProgress[];
}

export function useExportProgress(activeJobIds: readonly string[], onUpdate: (jobs: JobProgress[]) => void): void {
  const latest = useRef(onUpdate);
  useEffect(() => {
    latest.current = onUpdate;
  });
  const key = [...activeJobIds].sort().join(",");
  useEffect(() => {
    if (!key) return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(`/api/exports/progress?jobIds=${key}`);
      source.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as ProgressEvent;
        if (event.type === "update" && event.jobs) latest.current(event.jobs);
        if (event.type === "complete") source?.close();
      };
      // The server closes after 5 minutes; EventSource would retry at once, this waits a little.
      source.onerror = () => {
        source?.close();
        reopen = setTimeout(open, 2_000);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
    };
  }, [key]);
}
