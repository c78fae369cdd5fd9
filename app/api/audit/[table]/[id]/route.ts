import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { otherMethods } from "@/lib/api/methods";
import { rowHistory } from "@/lib/queries/activity";
import { auditedRowSchema } from "@/lib/validations/audit";

// A row's history, oldest first: who changed which fields and when, for whoever may read the row's
// site (its side panel shows it); others get an empty list. Deleted rows too. Restoring one is for
// managers and admins (./restore).
export const GET = authenticated({ params: auditedRowSchema }, async ({ supabase, params }) =>
  NextResponse.json({ entries: await rowHistory(supabase, params.table, params.id) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
