import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { cancelExportJob } from "@/lib/queries/exports";
import { createAdminClient } from "@/lib/supabase/admin";
import { exportJobParamsSchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

/** A waiting or running job becomes cancelled (400 for the others, 403 for another user's), answered as the job, as retry is. */
export const POST = authenticated({ params: exportJobParamsSchema }, async ({ supabase, userId, params }) =>
  NextResponse.json(await cancelExportJob(supabase, createAdminClient(), userId, params.jobId)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
