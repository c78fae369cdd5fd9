import { NextResponse } from "next/server";
import { authenticated, parseQuery } from "@/lib/api/handler";
import { fromZod } from "@/lib/errors";
import { getSiteWithCounts } from "@/lib/queries/sites";
import { noQuerySchema, siteIdSchema } from "@/lib/validations/sites";

export const GET = authenticated<{ siteId: string }>(async ({ request, supabase, params }) => {
  parseQuery(request, noQuerySchema);
  const parsed = siteIdSchema.safeParse(params);
  if (!parsed.success) throw fromZod(parsed.error, "The site id is not valid.");
  return NextResponse.json({ site: await getSiteWithCounts(supabase, parsed.data.siteId) });
});
