"use server";

import { updateLog } from "@/lib/actions/logs";
import { manpowerLog } from "@/lib/queries/log-modules";

export async function updateManpowerLog(id: string, data: unknown) {
  return updateLog(manpowerLog, id, data, (manpowerLog) => ({ manpowerLog }));
}
