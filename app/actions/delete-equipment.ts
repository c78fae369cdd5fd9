"use server";

import { deleteLog } from "@/lib/actions/logs";
import { equipmentModule } from "@/lib/api/log-modules";

export async function deleteEquipmentLog(id: string) {
  return deleteLog(equipmentModule, id);
}
