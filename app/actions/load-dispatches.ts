"use server";

import { loadDispatchPageAction } from "@/lib/actions/dispatch-list";
import type { DispatchPageFilters } from "@/lib/dispatch/filters";

export async function loadDispatches(input: { filters: DispatchPageFilters; siteId: string | null; cursor: string }) {
  return loadDispatchPageAction(input);
}
