"use server";

import { reconcileSheetsAction } from "@/lib/actions/sheets";

export async function reconcileSheets() {
  return reconcileSheetsAction();
}
