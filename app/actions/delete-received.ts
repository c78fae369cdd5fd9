"use server";

import { deleteLog } from "@/lib/actions/logs";
import { receivedModule } from "@/lib/api/log-modules";

export async function deleteReceivedMaterial(id: string) {
  return deleteLog(receivedModule, id);
}
