import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { sheetsSyncStatus } from "@/lib/queries/sheets";
import { otherMethods } from "@/lib/api/methods";

/** Admins and managers: delivered, pending, failed and dead events, the oldest wait, the last error and reconcile. */
export const GET = authenticated({}, async ({ supabase }) => NextResponse.json({ status: await sheetsSyncStatus(supabase) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
