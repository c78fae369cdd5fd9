"use server";

import { saveLogRowsAction } from "@/lib/actions/grid";
import type { LogGridName } from "@/lib/grid/modules";

export async function saveLogRows(log: LogGridName, input: { key: string; rows: unknown[] }) {
  return saveLogRowsAction(log, input);
}
