"use server";

import { createLog } from "@/lib/actions/logs";
import { manpowerModule } from "@/lib/api/log-modules";

export async function createManpowerLog(data: unknown) {
  return createLog(manpowerModule, data);
}
