// HS256 JSON Web Tokens, signed and verified with node:crypto. Shared by every local service.
import { createHmac, timingSafeEqual } from "node:crypto";

export type JwtClaims = Record<string, unknown> & {
  sub?: string;
  role?: string;
  exp?: number;
  iat?: number;
  session_id?: string;
};

export type JwtFailure = "malformed" | "bad_signature" | "expired";

export class JwtError extends Error {
  constructor(
    readonly reason: JwtFailure,
    message: string,
  ) {
    super(message);
    this.name = "JwtError";
  }
}

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

function sign(data: string, secret: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}

export function signJwt(claims: JwtClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, secret)}`;
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw new JwtError("malformed", "token is malformed");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Verifies signature, algorithm and expiry; `nowSeconds` is injectable so tests control time. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): JwtClaims {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtError("malformed", "token is malformed");
  const [header, payload, signature] = parts as [string, string, string];
  const decodedHeader = decodeSegment(header);
  if (!isObject(decodedHeader) || decodedHeader.alg !== "HS256") {
    throw new JwtError("bad_signature", "signing method is not HS256");
  }
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new JwtError("bad_signature", "signature is invalid");
  }
  const claims = decodeSegment(payload);
  if (!isObject(claims)) throw new JwtError("malformed", "token is malformed");
  if (typeof claims.exp === "number" && claims.exp <= nowSeconds) {
    throw new JwtError("expired", "token is expired");
  }
  return claims as JwtClaims;
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  return match ? match[1]! : null;
}
