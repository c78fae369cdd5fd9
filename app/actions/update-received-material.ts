"use server";

import { updateLog } from "@/lib/actions/logs";
import { receivedLog } from "@/lib/queries/log-modules";

export async function updateReceivedMaterial(id: string, data: unknown) {
  return updateLog(receivedLog, id, data, (receivedMaterial) => ({ receivedMaterial }));
}
