import { createHash } from "node:crypto";
import { ApiError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The batch id of a bulk submit: an Idempotency-Key header (a string of up to 200 characters, made
 * a UUID per user so two users' keys never meet) or a batch_id in the body.
 */
export function batchIdFor(userId: string, header: string | null, bodyBatchId: string | undefined): string | undefined {
  if (header === null || header === "") return bodyBatchId;
  if (header.length > 200) throw new ApiError("VALIDATION_ERROR", "The Idempotency-Key header is longer than 200 characters.");
  if (UUID.test(header)) return header.toLowerCase();
  const hex = createHash("sha256").update(`${userId}:${header}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
