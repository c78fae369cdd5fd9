"use server";

import { readActivityAction } from "@/lib/actions/activity";

export async function readActivity(input: { siteIds: string[] | null; afterId?: number }) {
  return readActivityAction(input);
}
