import { NextResponse } from "next/server";
import { authenticated, parseBody, parseQuery } from "@/lib/api/handler";
import { createSite, listActiveSites } from "@/lib/queries/sites";
import { noQuerySchema } from "@/lib/validations/params";
import { createSiteSchema } from "@/lib/validations/sites";

export const GET = authenticated(async ({ request, supabase }) => {
  parseQuery(request, noQuerySchema);
  return NextResponse.json({ sites: await listActiveSites(supabase) });
});

export const POST = authenticated(async ({ request, supabase }) => {
  const input = await parseBody(request, createSiteSchema);
  return NextResponse.json({ site: await createSite(supabase, input) }, { status: 201 });
});
