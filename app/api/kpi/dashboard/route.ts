import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { dashboardKpis } from "@/lib/queries/dashboards";
import { otherMethods } from "@/lib/api/methods";

// Seed 000's KPI card, computed by one SQL function for the sites the caller can see.
export const GET = authenticated({}, async ({ supabase }) => NextResponse.json({ data: await dashboardKpis(supabase) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
