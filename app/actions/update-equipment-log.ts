"use server";

import { updateLog } from "@/lib/actions/logs";
import { equipmentLog } from "@/lib/queries/log-modules";

export async function updateEquipmentLog(id: string, data: unknown) {
  return updateLog(equipmentLog, id, data, (equipmentLog) => ({ equipmentLog }));
}
