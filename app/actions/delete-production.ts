"use server";

import { deleteLog } from "@/lib/actions/logs";
import { productionModule } from "@/lib/api/log-modules";

export async function deleteProduction(id: string) {
  return deleteLog(productionModule, id);
}
