"use server";

import { updateLog } from "@/lib/actions/logs";
import { receivedModule } from "@/lib/api/log-modules";

export async function updateReceivedMaterial(id: string, data: unknown) {
  return updateLog(receivedModule, id, data);
}
