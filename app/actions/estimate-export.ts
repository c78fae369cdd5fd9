"use server";

import { estimateExportAction } from "@/lib/actions/exports";

export async function estimateExport(input: unknown) {
  return estimateExportAction(input);
}
