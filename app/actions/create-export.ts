"use server";

import { createExportAction } from "@/lib/actions/exports";

export async function createExport(input: unknown) {
  return createExportAction(input);
}
