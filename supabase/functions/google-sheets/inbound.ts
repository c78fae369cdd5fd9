// The inbound webhook, POST /api/webhooks/google-sheets (the app forwards the raw request here):
// seed 000's body { data, action, sheet }, or an edit made in the sheet { edit }, signed. It checks the signature (timing-safe), the
// timestamp (5 minutes) and replays, validates the body, and queues; it never calls Google.
import { z } from "npm:zod@4.6.7";
import type { Outbox } from "./outbox.ts";
import { MAX_SIGNATURE_AGE_SECONDS, signatureProblem } from "./signature.ts";

const webhookBody = z.object({
  data: z.array(z.looseObject({ id: z.uuid({ message: "Each row needs the dispatch's id (a UUID)" }) })).min(1).max(5_000),
  action: z.enum(["insert", "update", "delete"]),
  sheet: z.string().min(1).max(100).optional().default("Dispatch Reports"),
});

/** An edit made in the sheet (Code.gs's onSheetEdit). */
const editBody = z.object({
  edit: z.object({
    dispatchId: z.uuid({ message: "dispatchId must be the dispatch's id (a UUID)" }),
    field: z.enum(["status", "remarks"], { message: "Only Status and Remarks are edited in the sheet" }),
    value: z.string().max(1_000, { message: "Remarks hold at most 1,000 characters" }),
  }),
});

const SIGNATURE_MESSAGES = {
  missing: "Sign the request: ?ts=<unix seconds>&sig=<hex HMAC-SHA256 of `ts.body`>",
  expired: `The signature's timestamp is more than ${MAX_SIGNATURE_AGE_SECONDS / 60} minutes from now`,
  invalid: "The signature does not match the body",
  replayed: "This signed request was already received",
} as const;

const refuse = (status: number, code: string, message: string, details?: unknown) =>
  Response.json(details === undefined ? { message, code } : { message, code, details }, { status });

export async function handleWebhook(request: Request, outbox: Outbox, secret: string | undefined, nowSeconds: number): Promise<Response> {
  if (!secret) return refuse(503, "SERVICE_UNAVAILABLE", "The webhook is not configured: set GOOGLE_SHEETS_WEBHOOK_SECRET");
  const body = await request.text();
  const params = new URL(request.url).searchParams;
  const problem = await signatureProblem(secret, params, body, nowSeconds);
  if (problem) return refuse(401, "UNAUTHORIZED", SIGNATURE_MESSAGES[problem]);
  // Only a good signature is remembered: garbage cannot fill the table.
  if (!(await outbox.rememberSignature(params.get("sig")!.toLowerCase(), MAX_SIGNATURE_AGE_SECONDS))) {
    return refuse(401, "UNAUTHORIZED", SIGNATURE_MESSAGES.replayed);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse(400, "VALIDATION_ERROR", "The body is not JSON");
  }
  if (typeof json === "object" && json !== null && "edit" in json) return await applyEdit(outbox, json);
  const parsed = webhookBody.safeParse(json);
  if (!parsed.success) return invalid(parsed.error, "The body must be { data: [{ id, … }], action: insert | update | delete, sheet? }");
  const ids = [...new Set(parsed.data.data.map((row) => row.id))];
  const queued = await outbox.enqueueResend(ids, parsed.data.action === "delete");
  return Response.json({ message: "Queued for the sheet", queued, sheet: parsed.data.sheet }, { status: 202 });
}

const invalid = (error: z.ZodError, message: string) =>
  refuse(400, "VALIDATION_ERROR", message, error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));

async function applyEdit(outbox: Outbox, json: unknown): Promise<Response> {
  const parsed = editBody.safeParse(json);
  if (!parsed.success) return invalid(parsed.error, "The body must be { edit: { dispatchId, field: status | remarks, value } }");
  const { dispatchId, field, value } = parsed.data.edit;
  const result = await outbox.applyEdit(dispatchId, field, value);
  // A refused edit is the sheet's bad input: the script puts the cell back with this message.
  return result.applied ? Response.json({ applied: true }) : refuse(400, "VALIDATION_ERROR", result.message ?? "The edit was refused");
}
