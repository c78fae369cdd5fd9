"use server";

import { deleteLog } from "@/lib/actions/logs";
import { manpowerLog } from "@/lib/queries/log-modules";

export async function deleteManpowerLog(id: string) {
  return deleteLog(manpowerLog, id);
}
