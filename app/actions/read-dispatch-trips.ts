"use server";

import { dispatchTripsAction } from "@/lib/actions/grid";

export async function readDispatchTrips(input: { siteId: string; days: string[] }) {
  return dispatchTripsAction(input);
}
