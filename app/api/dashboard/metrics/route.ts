import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { siteMetrics } from "@/lib/queries/dashboards";
import { siteMetricsQuerySchema } from "@/lib/validations/dashboards";
import { otherMethods } from "@/lib/api/methods";

// Seed 001's site metrics; "today" is the site's own day unless a date is given.
export const GET = authenticated({ query: siteMetricsQuerySchema }, async ({ supabase, query }) =>
  NextResponse.json(await siteMetrics(supabase, query.siteId, query.date)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
