// The pages' Content-Security-Policy: scripts run only with this response's nonce (Next puts it
// on its own scripts when the request carries the policy; 'strict-dynamic' lets them load their
// chunks), so a script injected into a page does not run. Styles may be inline (Radix and charts
// position things with style attributes); the browser talks to the Supabase project (Realtime's
// WebSocket) and nowhere else. next.config.ts keeps the directives every answer carries.

export const NONCE_HEADER = "x-nonce";

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

export function pagePolicy(nonce: string, supabaseUrl: string, development: boolean): string {
  const supabase = new URL(supabaseUrl);
  const realtime = `${supabase.protocol === "https:" ? "wss:" : "ws:"}//${supabase.host}`;
  return [
    "default-src 'self'",
    // React's development build evaluates code (Fast Refresh); the production build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self' ${supabase.origin} ${realtime}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
