// JSON Web Tokens, signed and verified with node:crypto. Shared by every local service.
//
// The stack has one key setting, the well-known demo secret, and two kinds of token, as a hosted
// project with asymmetric JWT signing keys has: HS256 with the secret itself (the anon and
// service_role API keys, Storage's signed URLs) and ES256 for users' access tokens, with a key
// pair derived from the same secret and published at /auth/v1/.well-known/jwks.json. That is what
// lets supabase-js's getClaims() verify a session locally instead of asking the auth server on
// every request (it does for HS256 tokens).
import { createECDH, createHash, createHmac, createPrivateKey, createPublicKey, sign as signWith, timingSafeEqual, verify as verifyWith, type JsonWebKey, type KeyObject } from "node:crypto";

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

export type JwtAlgorithm = "HS256" | "ES256";

interface SigningKeyPair {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JsonWebKey;
}

const keyPairs = new Map<string, SigningKeyPair>();

/** The ES256 key pair of a secret: its private scalar is an HMAC of the secret, so it is stable. */
function keyPairOf(secret: string): SigningKeyPair {
  let pair = keyPairs.get(secret);
  if (pair) return pair;
  const scalar = createHmac("sha256", secret).update("deskops local ES256 signing key").digest();
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(scalar);
  const point = ecdh.getPublicKey(); // 0x04 | x | y
  const coordinates = { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") };
  const kid = createHash("sha256").update(`${coordinates.x}.${coordinates.y}`).digest("base64url").slice(0, 16);
  pair = {
    kid,
    privateKey: createPrivateKey({ key: { ...coordinates, d: scalar.toString("base64url") }, format: "jwk" }),
    publicKey: createPublicKey({ key: coordinates, format: "jwk" }),
    publicJwk: { ...coordinates, kid, alg: "ES256", use: "sig", key_ops: ["verify"], ext: true },
  };
  keyPairs.set(secret, pair);
  return pair;
}

/** What GoTrue publishes at /.well-known/jwks.json: the public keys of asymmetric signing. */
export function publicJwks(secret: string): { keys: JsonWebKey[] } {
  return { keys: [keyPairOf(secret).publicJwk] };
}

/** Every key a token may be signed with, as a JWK set: PostgREST's jwt-secret. */
export function verificationJwks(secret: string): string {
  return JSON.stringify({ keys: [{ kty: "oct", k: Buffer.from(secret).toString("base64url"), alg: "HS256" }, keyPairOf(secret).publicJwk] });
}

const hmac = (data: string, secret: string) => createHmac("sha256", secret).update(data).digest("base64url");
const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signJwt(claims: JwtClaims, secret: string, algorithm: JwtAlgorithm = "HS256"): string {
  const payload = segment(claims);
  if (algorithm === "HS256") {
    const header = segment({ alg: "HS256", typ: "JWT" });
    return `${header}.${payload}.${hmac(`${header}.${payload}`, secret)}`;
  }
  const pair = keyPairOf(secret);
  const header = segment({ alg: "ES256", typ: "JWT", kid: pair.kid });
  const signature = signWith("sha256", Buffer.from(`${header}.${payload}`), { key: pair.privateKey, dsaEncoding: "ieee-p1363" });
  return `${header}.${payload}.${signature.toString("base64url")}`;
}

function signatureIsValid(header: Record<string, unknown>, data: string, signature: string, secret: string): boolean {
  if (header.alg === "HS256") {
    const expected = Buffer.from(hmac(data, secret));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
  if (header.alg === "ES256") {
    const pair = keyPairOf(secret);
    if (header.kid !== pair.kid) return false;
    return verifyWith("sha256", Buffer.from(data), { key: pair.publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  }
  throw new JwtError("bad_signature", `signing method ${String(header.alg)} is not accepted`);
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

/** Verifies signature (HS256 or ES256), algorithm and expiry; `nowSeconds` is injectable so tests control time. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): JwtClaims {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtError("malformed", "token is malformed");
  const [header, payload, signature] = parts as [string, string, string];
  const decodedHeader = decodeSegment(header);
  if (!isObject(decodedHeader)) throw new JwtError("malformed", "token is malformed");
  if (!signatureIsValid(decodedHeader, `${header}.${payload}`, signature, secret)) {
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
