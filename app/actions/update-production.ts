"use server";

import { updateLog } from "@/lib/actions/logs";
import { productionModule } from "@/lib/api/log-modules";

export async function updateProduction(id: string, data: unknown) {
  return updateLog(productionModule, id, data);
}
