"use client";

// Keeps the grid's rows in IndexedDB as the user works (a moment after the last change) and gives
// them back when the page opens again: after a reload, a crash, or a trip through /login.
import { useEffect, useRef, useState } from "react";
import { deleteDraft, readDraft, writeDraft } from "@/lib/grid/draft-store";
import type { GridAction } from "@/lib/grid/state";
import { isEmptyRow, type GridRow } from "@/lib/grid/validate";

const WRITE_DELAY_MS = 250;

export type DraftStatus = { state: "loading" } | { state: "ready"; restored: number; savedAt: number | null };

export function useGridDraft(key: string, rows: readonly GridRow[], apply: (action: GridAction) => void): DraftStatus {
  const [status, setStatus] = useState<DraftStatus>({ state: "loading" });
  const loaded = useRef(false);

  useEffect(() => {
    let current = true;
    loaded.current = false;
    readDraft(key)
      .catch(() => undefined) // no IndexedDB (private mode, policy): the grid works without a draft
      .then((draft) => {
        if (!current) return;
        const kept = draft?.rows.filter((row) => !isEmptyRow(row)) ?? [];
        if (kept.length > 0) apply({ type: "load", rows: kept });
        loaded.current = true;
        setStatus({ state: "ready", restored: kept.length, savedAt: draft?.savedAt ?? null });
      });
    return () => {
      current = false;
    };
  }, [key, apply]);

  useEffect(() => {
    if (!loaded.current) return;
    const timer = setTimeout(() => {
      const kept = rows.filter((row) => !isEmptyRow(row));
      (kept.length > 0 ? writeDraft(key, kept) : deleteDraft(key)).catch(() => {});
    }, WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, rows]);

  return status;
}
