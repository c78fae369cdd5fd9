"use server";

import { createSiteAction } from "@/lib/actions/sites";

export async function createSite(input: unknown) {
  return createSiteAction(input);
}
