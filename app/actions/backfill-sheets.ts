"use server";

import { backfillSheetsAction } from "@/lib/actions/sheets";

export async function backfillSheets(input: { dateFrom: string; dateTo: string }) {
  return backfillSheetsAction(input);
}
