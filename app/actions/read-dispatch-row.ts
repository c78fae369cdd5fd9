"use server";

import { readDispatchRowAction } from "@/lib/actions/dispatch-list";

export async function readDispatchRow(id: string) {
  return readDispatchRowAction(id);
}
