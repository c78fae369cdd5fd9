import { NextResponse } from "next/server";
import { authenticated, parseQuery } from "@/lib/api/handler";
import { dashboardKpis } from "@/lib/queries/dashboards";
import { noQuerySchema } from "@/lib/validations/params";

// Seed 000's KPI card, computed by one SQL function for the sites the caller can see.
export const GET = authenticated(async ({ request, supabase }) => {
  parseQuery(request, noQuerySchema);
  return NextResponse.json({ data: await dashboardKpis(supabase) });
});
