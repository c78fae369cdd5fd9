import { downloadHeaders } from "@/lib/api/download";
import { authenticated } from "@/lib/api/handler";
import { notFound } from "@/lib/errors";
import { publicEnv } from "@/lib/env";
import { currentAccessToken } from "@/lib/queries/auth";
import { exportFileFor, recordExportDownload } from "@/lib/queries/exports";
import { createAdminClient } from "@/lib/supabase/admin";
import { exportJobParamsSchema } from "@/lib/validations/exports";
import { otherMethods } from "@/lib/api/methods";

// Seed 001's content types and file name.
const CONTENT_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  pdf: "application/pdf",
};

/** One object of the private bucket, read with the user's own token: Storage RLS lets only the owner in. */
function readObject(path: string, token: string): Promise<Response> {
  const url = `${publicEnv().supabaseUrl}/storage/v1/object/authenticated/exports/${path.split("/").map(encodeURIComponent).join("/")}`;
  return fetch(url, { headers: { authorization: `Bearer ${token}`, apikey: publicEnv().supabaseAnonKey } });
}

/** The parts back to back, each streamed as it arrives: the file is never whole in memory. */
function concatenated(first: Response, rest: string[], token: string): ReadableStream<Uint8Array> {
  let current: ReadableStreamDefaultReader<Uint8Array> | null = first.body?.getReader() ?? null;
  const waiting = [...rest];
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (current) {
        const { done, value } = await current.read();
        if (!done) return controller.enqueue(value);
        const next = waiting.shift();
        if (!next) break;
        const response = await readObject(next, token);
        if (!response.ok || !response.body) return controller.error(new Error(`Export part ${next} is missing (${response.status})`));
        current = response.body.getReader();
      }
      controller.close();
    },
    async cancel(reason) {
      await current?.cancel(reason);
    },
  });
}

export const GET = authenticated({ params: exportJobParamsSchema }, async ({ supabase, userId, params }) => {
  const file = await exportFileFor(supabase, createAdminClient(), userId, params.jobId, new Date());
  const token = (await currentAccessToken(supabase))?.token;
  if (!token) throw notFound("The export file");
  const [firstPath = "", ...rest] = file.paths;
  const first = await readObject(firstPath, token);
  if (!first.ok) {
    await first.body?.cancel();
    throw notFound("The export file");
  }
  await recordExportDownload(supabase, params.jobId);
  return new Response(concatenated(first, rest, token), {
    headers: {
      ...downloadHeaders(CONTENT_TYPES[file.format] ?? "application/octet-stream", `${file.module}_${file.dateFrom}_to_${file.dateTo}.${file.format}`),
      "content-length": String(file.size),
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
