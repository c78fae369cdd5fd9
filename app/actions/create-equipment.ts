"use server";

import { createLog } from "@/lib/actions/logs";
import { equipmentModule } from "@/lib/api/log-modules";

export async function createEquipmentLog(data: unknown) {
  return createLog(equipmentModule, data);
}
