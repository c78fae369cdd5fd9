"use server";

import { createLog } from "@/lib/actions/logs";
import { receivedModule } from "@/lib/api/log-modules";

export async function createReceivedMaterial(data: unknown) {
  return createLog(receivedModule, data);
}
