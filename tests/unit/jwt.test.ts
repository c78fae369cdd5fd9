import { describe, expect, it } from "vitest";
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from "@/local/config";
import { webcrypto } from "node:crypto";
import { JwtError, bearerToken, publicJwks, signJwt, verificationJwks, verifyJwt } from "@/local/jwt";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const NOW = 1_800_000_000;

function failure(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof JwtError ? error.reason : "other";
  }
}

describe("jwt", () => {
  it("verifies the Supabase CLI's demo keys with its well-known secret", () => {
    expect(verifyJwt(LOCAL_ANON_KEY, LOCAL_JWT_SECRET, NOW)).toMatchObject({ role: "anon", iss: "supabase-demo" });
    expect(verifyJwt(LOCAL_SERVICE_ROLE_KEY, LOCAL_JWT_SECRET, NOW)).toMatchObject({ role: "service_role" });
  });

  it("round-trips claims", () => {
    const token = signJwt({ sub: "u1", role: "authenticated", exp: NOW + 60 }, SECRET);
    expect(verifyJwt(token, SECRET, NOW)).toEqual({ sub: "u1", role: "authenticated", exp: NOW + 60 });
  });

  it("rejects a token signed with another secret, a tampered payload and alg none", () => {
    const token = signJwt({ sub: "u1", role: "authenticated" }, SECRET);
    expect(failure(() => verifyJwt(token, `${SECRET}x`, NOW))).toBe("bad_signature");
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "u1", role: "service_role" })).toString("base64url");
    expect(failure(() => verifyJwt(`${header}.${forged}.${signature}`, SECRET, NOW))).toBe("bad_signature");
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect(failure(() => verifyJwt(`${none}.${forged}.`, SECRET, NOW))).toBe("bad_signature");
  });

  it("signs access tokens with ES256 under a published key id, verifiable with WebCrypto as supabase-js does", async () => {
    const token = signJwt({ sub: "u1", role: "authenticated", exp: NOW + 60 }, SECRET, "ES256");
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const { alg, kid } = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string; kid: string };
    const [jwk] = publicJwks(SECRET).keys;
    expect({ alg, kid }).toEqual({ alg: "ES256", kid: jwk!.kid });
    expect(jwk).not.toHaveProperty("d");
    const key = await webcrypto.subtle.importKey("jwk", jwk as webcrypto.JsonWebKey, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
    const valid = await webcrypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, Buffer.from(signature, "base64url"), Buffer.from(`${header}.${payload}`));
    expect(valid).toBe(true);
    expect(verifyJwt(token, SECRET, NOW)).toEqual({ sub: "u1", role: "authenticated", exp: NOW + 60 });
    // The same secret always gives the same key: tokens survive a restart of the stack.
    expect(publicJwks(SECRET).keys[0]).toEqual(jwk);
  });

  it("rejects an ES256 token of another secret, a tampered one, and one naming another key", () => {
    const token = signJwt({ sub: "u1", role: "authenticated" }, SECRET, "ES256");
    expect(failure(() => verifyJwt(token, `${SECRET}x`, NOW))).toBe("bad_signature");
    const [header, , signature] = token.split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ sub: "u1", role: "service_role" })).toString("base64url");
    expect(failure(() => verifyJwt(`${header}.${forged}.${signature}`, SECRET, NOW))).toBe("bad_signature");
    const otherKid = Buffer.from(JSON.stringify({ alg: "ES256", typ: "JWT", kid: "someone-else" })).toString("base64url");
    const [, payload] = token.split(".") as [string, string];
    expect(failure(() => verifyJwt(`${otherKid}.${payload}.${signature}`, SECRET, NOW))).toBe("bad_signature");
  });

  it("gives PostgREST both keys as one JWK set, never the private half", () => {
    const { keys } = JSON.parse(verificationJwks(SECRET)) as { keys: Array<Record<string, unknown>> };
    expect(keys.map((key) => [key.kty, key.alg])).toEqual([["oct", "HS256"], ["EC", "ES256"]]);
    expect(Buffer.from(String(keys[0]!.k), "base64url").toString()).toBe(SECRET);
    expect(keys[1]).not.toHaveProperty("d");
  });

  it("rejects an expired token and malformed input", () => {
    expect(failure(() => verifyJwt(signJwt({ exp: NOW }, SECRET), SECRET, NOW))).toBe("expired");
    expect(failure(() => verifyJwt("only.two", SECRET, NOW))).toBe("malformed");
    expect(failure(() => verifyJwt("%%%.###.$$$", SECRET, NOW))).toBe("malformed");
  });

  it("reads a bearer token from an Authorization header", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer  xyz")).toBe("xyz");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
