"use server";

import { updateLog } from "@/lib/actions/logs";
import { productionLog } from "@/lib/queries/log-modules";

export async function updateProduction(id: string, data: unknown) {
  return updateLog(productionLog, id, data, (production) => ({ production }));
}
