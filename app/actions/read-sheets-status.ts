"use server";

import { readSheetsStatusAction } from "@/lib/actions/sheets";

export async function readSheetsStatus() {
  return readSheetsStatusAction();
}
