// The auth server answers bad input with GoTrue's 4xx errors: never a 500, never a hang.
import { describe, expect, it } from "vitest";
import { signJwt } from "@/local/jwt";
import { signedInClient, stack } from "../helpers/supabase";

const API_VERSION = { "x-supabase-api-version": "2024-01-01" };

async function auth(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${stack().apiUrl}/auth/v1${path}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers: { apikey: stack().anonKey, "content-type": "application/json", ...API_VERSION, ...init.headers },
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe("auth: bad input", () => {
  it("answers malformed JSON with 400 bad_json", async () => {
    const { status, body } = await auth("/token?grant_type=password", { method: "POST", body: "{not json" });
    expect(status).toBe(400);
    expect(body.code).toBe("bad_json");
  });

  it("answers missing fields with 400 and a wrong field type with bad_json", async () => {
    const missing = await auth("/token?grant_type=password", { method: "POST", body: "{}" });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("validation_failed");
    const wrongType = await auth("/signup", { method: "POST", body: JSON.stringify({ email: 42, password: [] }) });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe("bad_json");
    const noRefreshToken = await auth("/token?grant_type=refresh_token", { method: "POST", body: "{}" });
    expect(noRefreshToken.status).toBe(400);
  });

  it("answers an unknown grant type and an unknown refresh token with 400", async () => {
    expect((await auth("/token?grant_type=magic", { method: "POST", body: "{}" })).status).toBe(400);
    const unknown = await auth("/token?grant_type=refresh_token", {
      method: "POST",
      body: JSON.stringify({ refresh_token: "never-issued" }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("refresh_token_not_found");
  });

  it("answers a missing bearer token with 401 no_authorization", async () => {
    const { status, body } = await auth("/user");
    expect(status).toBe(401);
    expect(body.code).toBe("no_authorization");
  });

  it("answers a tampered and an expired JWT with 403 bad_jwt", async () => {
    const { client } = await signedInClient("tamper");
    const token = (await client.auth.getSession()).data.session!.access_token;
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: "service_role" })).toString("base64url");
    const tampered = await auth("/user", { headers: { authorization: `Bearer ${header}.${forgedPayload}.${signature}` } });
    expect(tampered.status).toBe(403);
    expect(tampered.body.code).toBe("bad_jwt");

    const expired = signJwt({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, stack().jwtSecret);
    const late = await auth("/user", { headers: { authorization: `Bearer ${expired}` } });
    expect(late.status).toBe(403);
    expect(late.body.code).toBe("bad_jwt");
    expect(String(late.body.message)).toContain("expired");

    const garbage = await auth("/user", { headers: { authorization: "Bearer not.a.jwt" } });
    expect(garbage.status).toBe(403);
  });

  it("uses GoTrue's legacy error shape when the client names no API version", async () => {
    const response = await fetch(`${stack().apiUrl}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { apikey: stack().anonKey },
      body: JSON.stringify({ email: "admin@deskops.local", password: "nope" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" });
  });

  it("serves settings, and the JWKS that lets getClaims() verify an access token without the server", async () => {
    const settings = await auth("/settings");
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ disable_signup: true, mailer_autoconfirm: true, external: { email: true } });
    const jwks = (await auth("/.well-known/jwks.json")).body as { keys: Array<{ kid: string; alg: string; kty: string; d?: string }> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ alg: "ES256", kty: "EC" });
    expect(jwks.keys[0]!.d).toBeUndefined();

    const { client } = await signedInClient("claims");
    const { data: session } = await client.auth.getSession();
    const header = JSON.parse(Buffer.from(session.session!.access_token.split(".")[0]!, "base64url").toString()) as { alg: string; kid: string };
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: jwks.keys[0]!.kid });
    const { data: claims, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(claims?.claims.role).toBe("authenticated");
  });
});
