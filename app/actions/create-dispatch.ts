"use server";

import { createDispatchAction } from "@/lib/actions/logs";

export async function createDispatch(data: unknown) {
  return createDispatchAction(data);
}
