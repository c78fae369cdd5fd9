"use server";

import { deleteLog } from "@/lib/actions/logs";
import { manpowerModule } from "@/lib/api/log-modules";

export async function deleteManpowerLog(id: string) {
  return deleteLog(manpowerModule, id);
}
