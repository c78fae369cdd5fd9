"use server";

import { newestDispatchesAction } from "@/lib/actions/dispatch-list";
import type { DispatchPageFilters } from "@/lib/dispatch/filters";

export async function readNewestDispatches(input: { filters: DispatchPageFilters; siteId: string | null }) {
  return newestDispatchesAction(input);
}
