import { NextResponse } from "next/server";
import { authenticated, parseParams, parseQuery } from "@/lib/api/handler";
import { getSiteWithCounts } from "@/lib/queries/sites";
import { noQuerySchema } from "@/lib/validations/params";
import { siteIdSchema } from "@/lib/validations/sites";

export const GET = authenticated<{ siteId: string }>(async ({ request, supabase, params }) => {
  parseQuery(request, noQuerySchema);
  const { siteId } = parseParams(params, siteIdSchema, "The site id is not valid.");
  return NextResponse.json({ site: await getSiteWithCounts(supabase, siteId) });
});
