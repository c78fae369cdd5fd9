"use server";

import { replaySheetsAction } from "@/lib/actions/sheets";

export async function replaySheetsEvents() {
  return replaySheetsAction();
}
