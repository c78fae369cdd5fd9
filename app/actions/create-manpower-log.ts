"use server";

import { createLog } from "@/lib/actions/logs";
import { manpowerLog } from "@/lib/queries/log-modules";

export async function createManpowerLog(data: unknown) {
  return createLog(manpowerLog, data, (manpowerLog) => ({ manpowerLog }));
}
