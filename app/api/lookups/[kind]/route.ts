import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { lookup } from "@/lib/queries/lookups";
import { lookupKindSchema, lookupQuerySchema } from "@/lib/validations/lookups";
import { otherMethods } from "@/lib/api/methods";

// /api/lookups/clusters, /processors, /materials, /equipment, /manpower-roles, /sites: { data }.
export const GET = authenticated({ params: lookupKindSchema, query: lookupQuerySchema }, async ({ supabase, params, query }) =>
  NextResponse.json({ data: await lookup(supabase, params.kind, query) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
