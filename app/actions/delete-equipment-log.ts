"use server";

import { deleteLog } from "@/lib/actions/logs";
import { equipmentLog } from "@/lib/queries/log-modules";

export async function deleteEquipmentLog(id: string) {
  return deleteLog(equipmentLog, id);
}
