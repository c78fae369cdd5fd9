"use server";

import { saveDispatchRowsAction } from "@/lib/actions/grid";

export async function saveDispatchRows(input: { key: string; rows: unknown[] }) {
  return saveDispatchRowsAction(input);
}
