import { NextResponse } from "next/server";
import { authenticated, parseParams, parseQuery } from "@/lib/api/handler";
import { lookup } from "@/lib/queries/lookups";
import { lookupKindSchema, lookupQuerySchema } from "@/lib/validations/lookups";

// /api/lookups/clusters, /processors, /materials, /equipment, /manpower-roles, /sites: { data }.
export const GET = authenticated<{ kind: string }>(async ({ request, supabase, params }) => {
  const { kind } = parseParams(params, lookupKindSchema, "Unknown lookup.");
  const query = parseQuery(request, lookupQuerySchema);
  return NextResponse.json({ data: await lookup(supabase, kind, query) });
});
