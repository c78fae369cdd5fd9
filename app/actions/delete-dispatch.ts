"use server";

import { deleteDispatchAction } from "@/lib/actions/logs";

export async function deleteDispatch(id: string) {
  return deleteDispatchAction(id);
}
