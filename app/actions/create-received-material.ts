"use server";

import { createLog } from "@/lib/actions/logs";
import { receivedLog } from "@/lib/queries/log-modules";

export async function createReceivedMaterial(data: unknown) {
  return createLog(receivedLog, data, (receivedMaterial) => ({ receivedMaterial }));
}
