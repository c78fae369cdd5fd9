"use server";

import { cancelExportAction } from "@/lib/actions/exports";

export async function cancelExport(jobId: string) {
  return cancelExportAction(jobId);
}
