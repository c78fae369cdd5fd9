"use server";

import { createLog } from "@/lib/actions/logs";
import { productionLog } from "@/lib/queries/log-modules";

export async function createProduction(data: unknown) {
  return createLog(productionLog, data, (production) => ({ production }));
}
