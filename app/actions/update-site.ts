"use server";

import { updateSiteAction } from "@/lib/actions/sites";

export async function updateSite(input: unknown) {
  return updateSiteAction(input);
}
