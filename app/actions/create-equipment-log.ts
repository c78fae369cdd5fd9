"use server";

import { createLog } from "@/lib/actions/logs";
import { equipmentLog } from "@/lib/queries/log-modules";

export async function createEquipmentLog(data: unknown) {
  return createLog(equipmentLog, data, (equipmentLog) => ({ equipmentLog }));
}
