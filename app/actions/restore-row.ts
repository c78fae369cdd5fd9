"use server";

import { restoreRowAction } from "@/lib/actions/activity";

export async function restoreRow(input: { table: string; id: string }) {
  return restoreRowAction(input);
}
