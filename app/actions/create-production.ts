"use server";

import { createLog } from "@/lib/actions/logs";
import { productionModule } from "@/lib/api/log-modules";

export async function createProduction(data: unknown) {
  return createLog(productionModule, data);
}
