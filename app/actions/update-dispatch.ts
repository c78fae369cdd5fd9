"use server";

import { updateDispatchAction } from "@/lib/actions/logs";

export async function updateDispatch(id: string, data: unknown) {
  return updateDispatchAction(id, data);
}
