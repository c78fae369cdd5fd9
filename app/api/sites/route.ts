import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { createSite, listActiveSites } from "@/lib/queries/sites";
import { createSiteSchema } from "@/lib/validations/sites";
import { otherMethods } from "@/lib/api/methods";

export const GET = authenticated({}, async ({ supabase }) => NextResponse.json({ sites: await listActiveSites(supabase) }));

export const POST = authenticated({ body: createSiteSchema }, async ({ supabase, body }) =>
  NextResponse.json({ site: await createSite(supabase, body) }, { status: 201 }),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
