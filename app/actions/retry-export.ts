"use server";

import { retryExportAction } from "@/lib/actions/exports";

export async function retryExport(jobId: string) {
  return retryExportAction(jobId);
}
