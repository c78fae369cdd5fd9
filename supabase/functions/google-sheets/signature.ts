// Requests between DeskOps and the sheet's Apps Script are signed: HMAC-SHA256 of
// `${timestamp}.${body}` with the shared secret, hex, sent with the timestamp (Unix seconds) in
// the query string (?ts=…&sig=…) because an Apps Script web app cannot read request headers.
// integrations/google-sheets/Code.gs checks the same thing the same way.

/** How old a signed request may be, either way; the replay window. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

const encoder = new TextEncoder();

export async function sign(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Compares every character whatever the first difference, so the time taken tells nothing. */
export function timingSafeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    difference |= (a.charCodeAt(index) || 0) ^ (b.charCodeAt(index) || 0);
  }
  return difference === 0;
}

export type SignatureProblem = "missing" | "expired" | "invalid";

/** Why a signed request is refused, or null when it is good (replays are checked by the caller). */
export async function signatureProblem(secret: string, params: URLSearchParams, body: string, nowSeconds: number): Promise<SignatureProblem | null> {
  const timestamp = Number(params.get("ts"));
  const signature = params.get("sig");
  if (!params.get("ts") || !Number.isInteger(timestamp) || !signature) return "missing";
  if (Math.abs(nowSeconds - timestamp) > MAX_SIGNATURE_AGE_SECONDS) return "expired";
  return timingSafeEqual(await sign(secret, timestamp, body), signature.toLowerCase()) ? null : "invalid";
}

/** The query string of a signed request to the script. */
export async function signedQuery(secret: string, body: string, nowSeconds: number): Promise<string> {
  return new URLSearchParams({ ts: String(nowSeconds), sig: await sign(secret, nowSeconds, body) }).toString();
}
