"use server";

import { updateLog } from "@/lib/actions/logs";
import { manpowerModule } from "@/lib/api/log-modules";

export async function updateManpowerLog(id: string, data: unknown) {
  return updateLog(manpowerModule, id, data);
}
