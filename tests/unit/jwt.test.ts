import { describe, expect, it } from "vitest";
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from "@/local/config";
import { JwtError, bearerToken, signJwt, verifyJwt } from "@/local/jwt";

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
