"use server";

import { updateLog } from "@/lib/actions/logs";
import { equipmentModule } from "@/lib/api/log-modules";

export async function updateEquipmentLog(id: string, data: unknown) {
  return updateLog(equipmentModule, id, data);
}
