"use server";

import { deleteLog } from "@/lib/actions/logs";
import { productionLog } from "@/lib/queries/log-modules";

export async function deleteProduction(id: string) {
  return deleteLog(productionLog, id);
}
