"use server";

import { deleteLog } from "@/lib/actions/logs";
import { receivedLog } from "@/lib/queries/log-modules";

export async function deleteReceivedMaterial(id: string) {
  return deleteLog(receivedLog, id);
}
