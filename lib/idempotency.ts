import { createHash } from "node:crypto";
import { ApiError } from "@/lib/errors";

/**
 * The batch id of a bulk submit: an Idempotency-Key header (up to 200 characters), or else a
 * batch_id in the body, made a UUID per user, so two users' equal keys never meet, a UUID-shaped
 * key included (private.insert_batch also refuses another user's batch id).
 */
export function batchIdFor(userId: string, header: string | null, bodyBatchId: string | undefined): string | undefined {
  const key = header === null || header === "" ? bodyBatchId : header;
  if (key === undefined) return undefined;
  if (key.length > 200) throw new ApiError("VALIDATION_ERROR", "The Idempotency-Key header is longer than 200 characters.");
  const hex = createHash("sha256").update(`${userId}:${key.toLowerCase()}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
