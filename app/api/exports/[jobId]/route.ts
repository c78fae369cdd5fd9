import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { getExportJob } from "@/lib/queries/exports";
import { exportJobParamsSchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

/** Seed 001: one job; another user's job is 404. */
export const GET = authenticated({ params: exportJobParamsSchema }, async ({ supabase, userId, params }) =>
  NextResponse.json({ job: await getExportJob(supabase, userId, params.jobId) }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
