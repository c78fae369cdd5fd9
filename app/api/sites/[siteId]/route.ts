import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { getSiteWithCounts } from "@/lib/queries/sites";
import { siteIdSchema } from "@/lib/validations/sites";
import { otherMethods } from "@/lib/api/methods";

export const GET = authenticated({ params: siteIdSchema }, async ({ supabase, params }) =>
  NextResponse.json({ site: await getSiteWithCounts(supabase, params.siteId) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
