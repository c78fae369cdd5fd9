// One signed call to the sheet's Apps Script web app, as Google serves it: a POST answered with a
// 302 to the content (script.googleusercontent.com), which fetch follows with a GET. A web app
// cannot set an HTTP status, so its errors come back as JSON { error }; Google's own (quota,
// script failure) as HTML pages.
import { signedQuery } from "./signature.ts";

export async function callScript(url: string, secret: string, payload: Record<string, unknown>, timeoutMs: number, now = Date.now()): Promise<Record<string, unknown>> {
  // A request id makes every signed body unique: the script refuses a signature it has seen, and
  // two identical calls in one second (two reconciles, a retried batch) would otherwise sign alike.
  const body = JSON.stringify({ ...payload, requestId: crypto.randomUUID() });
  const query = await signedQuery(secret, body, Math.floor(now / 1000));
  const response = await fetch(`${url}${url.includes("?") ? "&" : "?"}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    redirect: "follow",
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`The Apps Script web app answered ${response.status}: ${text.slice(0, 200)}`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`The Apps Script web app did not answer JSON: ${text.slice(0, 200)}`);
  }
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) throw new Error(`The Apps Script web app answered ${text.slice(0, 200)}`);
  return answer as Record<string, unknown>;
}

/** The script's own refusal, in its words. */
export const refusal = (answer: Record<string, unknown>) => (typeof answer.error === "string" ? answer.error : JSON.stringify(answer).slice(0, 200));
