// A GoTrue-compatible auth server: what supabase-js calls of Supabase Auth's API. Users live in
// auth.users with bcrypt passwords; access tokens are ES256 JWTs with GoTrue's claims; the email
// flows (recovery, magic links, invites, ...) are in email-links.ts and send to the local inbox.
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { z } from "zod";
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_REUSE_INTERVAL_SECONDS } from "../config";
import { BodyError, readJson, sendJson, type RouteHandler } from "../http";
import { JwtError, bearerToken, publicJwks, signJwt, verifyJwt, type JwtClaims } from "../jwt";
import type { AuthConfig } from "./config";
import { createEmailLinks, type AuthMethod, type SessionJson } from "./email-links";
import { AuthError, authErrors, sendAuthError } from "./errors";
import type { Inbox } from "./inbox";
import { createSession, endSessions, rotateRefreshToken, sessionExists, type LogoutScope } from "./sessions";
import {
  countUsers,
  deleteUser,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  oneUserJson,
  passwordMatches,
  recordSignIn,
  updateUser,
  usersJson,
  type UserRow,
} from "./users";

/** Milliseconds since the epoch; injectable so tests can move time without waiting. */
export type Clock = () => number;

export interface AuthServerOptions {
  pool: pg.Pool;
  jwtSecret: string;
  /** The `iss` claim: the public URL of /auth/v1. */
  issuer: string;
  /** supabase/config.toml's [auth] settings (readAuthConfig). */
  config: AuthConfig;
  /** Where emails go: the local inbox. */
  inbox: Inbox;
  clock?: Clock;
  reuseIntervalSeconds?: number;
}

const ADMIN_ROLES = new Set(["service_role", "supabase_admin"]);
const MIN_PASSWORD_LENGTH = 6;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const metadata = z.record(z.string(), z.unknown());
const signupBody = z.object({
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
  data: metadata.optional(),
});
const passwordGrantBody = z.object({
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
});
const refreshGrantBody = z.object({ refresh_token: z.string().optional() });
const updateUserBody = z.object({
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
  nonce: z.string().optional(),
  data: metadata.optional(),
});
const adminUserBody = z.object({
  id: z.string().regex(UUID).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  password: z.string().optional(),
  email_confirm: z.boolean().optional(),
  phone_confirm: z.boolean().optional(),
  user_metadata: metadata.optional(),
  app_metadata: metadata.optional(),
  role: z.string().optional(),
  ban_duration: z.string().optional(),
});
const adminDeleteBody = z.object({ should_soft_delete: z.boolean().optional() });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "body";
    throw authErrors.badJson(`Could not read the field "${field}": ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}

function checkEmail(email: string): string {
  const normalised = email.trim().toLowerCase();
  if (!EMAIL.test(normalised)) throw authErrors.validation("Unable to validate email address: invalid format");
  return normalised;
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw authErrors.weakPassword();
  return password;
}

/** GoTrue reads page and per_page as unsigned integers (Go's strconv.ParseUint), with its error. */
function pageNumber(value: string | null, fallback: number): number {
  if (value === null || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw authErrors.validation(`Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Math.max(1, Number(value));
}

/** "24h", "90m", "none": the ban_duration format of GoTrue's admin API. */
function banUntil(duration: string, now: number): Date | null {
  if (duration === "none") return null;
  const match = /^(\d+(?:\.\d+)?)(h|m|s|ms)$/.exec(duration);
  if (!match) throw authErrors.validation("invalid format for ban duration");
  const unitMs = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 }[match[2] as "h" | "m" | "s" | "ms"];
  return new Date(now + Number(match[1]) * unitMs);
}

export function createAuthHandler(options: AuthServerOptions): RouteHandler {
  const { pool, jwtSecret, issuer } = options;
  const clock = options.clock ?? Date.now;
  const reuseInterval = options.reuseIntervalSeconds ?? REFRESH_TOKEN_REUSE_INTERVAL_SECONDS;
  const now = () => new Date(clock());
  const nowSeconds = () => Math.floor(clock() / 1000);

  async function amrOf(sessionId: string): Promise<Array<{ method: string; timestamp: number }>> {
    const { rows } = await pool.query<{ method: string; at: Date }>(
      "select authentication_method as method, created_at as at from auth.mfa_amr_claims where session_id = $1 order by created_at desc",
      [sessionId],
    );
    return rows.map((row) => ({ method: row.method, timestamp: Math.floor(row.at.getTime() / 1000) }));
  }

  function accessToken(user: UserRow, sessionId: string, amr: Array<{ method: string; timestamp: number }>): { token: string; expiresAt: number } {
    const iat = nowSeconds();
    const expiresAt = iat + ACCESS_TOKEN_TTL_SECONDS;
    const claims: JwtClaims = {
      aud: user.aud || "authenticated",
      exp: expiresAt,
      iat,
      iss: issuer,
      sub: user.id,
      email: user.email ?? "",
      phone: user.phone ?? "",
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || "authenticated",
      aal: "aal1",
      amr,
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    };
    return { token: signJwt(claims, jwtSecret, "ES256"), expiresAt };
  }

  async function sessionResponse(userId: string, sessionId: string, refreshToken: string) {
    const user = await findUserById(pool, userId);
    if (!user) throw authErrors.refreshTokenNotFound();
    const { token, expiresAt } = accessToken(user, sessionId, await amrOf(sessionId));
    return {
      access_token: token,
      token_type: "bearer",
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      expires_at: expiresAt,
      refresh_token: refreshToken,
      user: await oneUserJson(pool, user),
    };
  }

  /** The caller's verified claims; GoTrue's 401 / 403 answers for a missing or bad token. */
  function claimsOf(req: IncomingMessage): JwtClaims {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw authErrors.noAuthorization();
    try {
      return verifyJwt(token, jwtSecret, nowSeconds());
    } catch (error) {
      if (error instanceof JwtError) {
        throw authErrors.badJwt(error.reason === "expired" ? "token has invalid claims: token is expired" : error.message);
      }
      throw error;
    }
  }

  async function signedInUser(req: IncomingMessage): Promise<{ user: UserRow; claims: JwtClaims }> {
    const claims = claimsOf(req);
    if (typeof claims.sub !== "string" || !UUID.test(claims.sub)) throw authErrors.badJwt("invalid claim: missing sub claim");
    if (typeof claims.session_id === "string" && !(await sessionExists(pool, claims.session_id))) {
      throw authErrors.sessionNotFound();
    }
    const user = await findUserById(pool, claims.sub);
    if (!user) throw authErrors.userFromJwtNotFound();
    return { user, claims };
  }

  function requireAdmin(req: IncomingMessage): void {
    const claims = claimsOf(req);
    if (typeof claims.role !== "string" || !ADMIN_ROLES.has(claims.role)) throw authErrors.notAdmin();
  }

  /** A new session for the user, recording how they signed in (the access token's `amr`). */
  async function issueSession(req: IncomingMessage, userId: string, method: AuthMethod): Promise<SessionJson> {
    const at = now();
    await recordSignIn(pool, userId, at);
    const issued = await createSession(pool, userId, at, req.headers["user-agent"]);
    await pool.query("insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method) values ($1, $2, $2, $3)", [
      issued.sessionId, at, method,
    ]);
    return sessionResponse(userId, issued.sessionId, issued.token);
  }

  const links = createEmailLinks({
    pool,
    config: options.config,
    inbox: options.inbox,
    issuer,
    now,
    issueSession,
    signedInUser,
    requireAdmin,
    checkEmail,
  });

  /** POST /signup without an email or phone: an anonymous user, when the project allows them. */
  async function signupAnonymously(req: IncomingMessage, data: Record<string, unknown> | undefined) {
    if (!options.config.anonymousSignInsEnabled) throw authErrors.anonymousDisabled();
    const at = now();
    const userId = await insertUser(pool, {
      email: null, phone: null, password: null, emailConfirmed: false,
      appMetadata: {}, userMetadata: data ?? {}, role: "authenticated", now: at, anonymous: true,
    });
    return issueSession(req, userId, "anonymous");
  }

  async function signup(req: IncomingMessage, query: URLSearchParams) {
    const body = parse(signupBody, await readJson(req));
    if (!body.email && !body.phone) return signupAnonymously(req, body.data);
    if (!options.config.signupEnabled) throw authErrors.signupDisabled();
    if (body.phone && !body.email) throw authErrors.phoneDisabled();
    const email = checkEmail(body.email ?? "");
    if (!body.password) throw new AuthError(422, "validation_failed", "Signup requires a valid password");
    const password = checkPassword(body.password);
    if (await findUserByEmail(pool, email)) throw authErrors.userAlreadyExists();
    const userId = await insertUser(pool, {
      email,
      phone: null,
      password,
      // With confirmations off (mailer_autoconfirm, as `supabase start` has it) the address counts as confirmed at once.
      emailConfirmed: options.config.autoconfirm,
      appMetadata: { provider: "email", providers: ["email"] },
      userMetadata: body.data ?? {},
      role: "authenticated",
      now: now(),
    });
    if (options.config.autoconfirm) return issueSession(req, userId, "password");
    // Otherwise GoTrue answers with the user alone, and emails the confirmation.
    await links.resendConfirmation(userId, query.get("redirect_to"));
    return oneUserJson(pool, (await findUserById(pool, userId))!);
  }

  async function passwordGrant(req: IncomingMessage) {
    const body = parse(passwordGrantBody, await readJson(req));
    if (!body.email && !body.phone) throw authErrors.validation("A valid email or phone is required");
    if (!body.email) throw authErrors.invalidCredentials();
    const user = await findUserByEmail(pool, body.email.trim());
    if (!user || !body.password || !(await passwordMatches(pool, user.id, body.password))) {
      throw authErrors.invalidCredentials();
    }
    if (!user.email_confirmed_at) throw authErrors.emailNotConfirmed();
    if (user.banned_until && user.banned_until.getTime() > clock()) throw authErrors.userBanned();
    return issueSession(req, user.id, "password");
  }

  async function refreshGrant(req: IncomingMessage) {
    const body = parse(refreshGrantBody, await readJson(req));
    if (!body.refresh_token) throw authErrors.validation("refresh_token required");
    const issued = await rotateRefreshToken(pool, body.refresh_token, now(), reuseInterval);
    return sessionResponse(issued.userId, issued.sessionId, issued.token);
  }

  async function updateSelf(req: IncomingMessage) {
    const { user } = await signedInUser(req);
    const body = parse(updateUserBody, await readJson(req));
    const email = body.email === undefined ? undefined : checkEmail(body.email);
    if (email && email !== user.email) {
      const owner = await findUserByEmail(pool, email);
      if (owner && owner.id !== user.id) throw authErrors.emailExists();
    }
    if (body.password !== undefined) {
      checkPassword(body.password);
      await links.checkNonce(user, body.nonce);
      if (user.has_password && (await passwordMatches(pool, user.id, body.password))) throw authErrors.samePassword();
    }
    await updateUser(pool, user.id, { email, password: body.password, userMetadata: body.data, now: now() });
    return oneUserJson(pool, (await findUserById(pool, user.id))!);
  }

  async function logout(req: IncomingMessage, query: URLSearchParams) {
    const { user, claims } = await signedInUser(req);
    const scope = (query.get("scope") ?? "global") as LogoutScope;
    if (!["global", "local", "others"].includes(scope)) throw authErrors.validation("Unsupported logout scope");
    await endSessions(pool, user.id, String(claims.session_id ?? ""), scope);
  }

  async function adminCreate(req: IncomingMessage) {
    requireAdmin(req);
    const body = parse(adminUserBody, await readJson(req));
    if (!body.email && !body.phone) throw authErrors.validation("Cannot create a user without either an email or phone");
    const email = body.email ? checkEmail(body.email) : null;
    if (email && (await findUserByEmail(pool, email))) throw authErrors.emailExists();
    const at = now();
    const userId = await insertUser(pool, {
      id: body.id,
      email,
      phone: body.phone ?? null,
      password: body.password === undefined ? null : checkPassword(body.password),
      emailConfirmed: body.email_confirm ?? false,
      appMetadata: { provider: "email", providers: ["email"], ...body.app_metadata },
      userMetadata: body.user_metadata ?? {},
      role: body.role ?? "authenticated",
      now: at,
    });
    if (body.ban_duration) await updateUser(pool, userId, { bannedUntil: banUntil(body.ban_duration, clock()), now: at });
    return oneUserJson(pool, (await findUserById(pool, userId))!);
  }

  async function adminUpdate(req: IncomingMessage, user: UserRow) {
    const body = parse(adminUserBody, await readJson(req));
    const email = body.email === undefined ? undefined : checkEmail(body.email);
    if (email && email !== user.email) {
      const owner = await findUserByEmail(pool, email);
      if (owner && owner.id !== user.id) throw authErrors.emailExists();
    }
    await updateUser(pool, user.id, {
      email,
      phone: body.phone,
      password: body.password === undefined ? undefined : checkPassword(body.password),
      emailConfirmed: body.email_confirm,
      userMetadata: body.user_metadata,
      appMetadata: body.app_metadata,
      role: body.role,
      bannedUntil: body.ban_duration === undefined ? undefined : banUntil(body.ban_duration, clock()),
      now: now(),
    });
    return oneUserJson(pool, (await findUserById(pool, user.id))!);
  }

  async function adminList(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    requireAdmin(req);
    const page = pageNumber(query.get("page"), 1);
    const perPage = Math.min(1000, Math.max(1, pageNumber(query.get("per_page"), 50)));
    const [total, rows] = await Promise.all([countUsers(pool), listUsers(pool, page, perPage)]);
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const links = [];
    if (page < lastPage) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
    links.push(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);
    sendJson(res, 200, { users: await usersJson(pool, rows), aud: "authenticated" }, {
      "x-total-count": String(total),
      link: links.join(", "),
    });
  }

  async function adminOne(req: IncomingMessage, res: ServerResponse, id: string) {
    requireAdmin(req);
    if (!UUID.test(id)) throw new AuthError(404, "validation_failed", "user_id must be an UUID");
    const user = await findUserById(pool, id);
    if (!user) throw authErrors.userNotFound();
    if (req.method === "GET") return sendJson(res, 200, await oneUserJson(pool, user));
    if (req.method === "PUT") return sendJson(res, 200, await adminUpdate(req, user));
    if (req.method === "DELETE") {
      const body = parse(adminDeleteBody, await readJson(req));
      await deleteUser(pool, user.id, body.should_soft_delete ?? false, now());
      return sendJson(res, 200, {});
    }
    throw authErrors.methodNotAllowed();
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(path, "http://local");
    const method = req.method ?? "GET";
    const endpoint = url.pathname.replace(/\/+$/, "") || "/";
    const grant = url.searchParams.get("grant_type");
    switch (`${method} ${endpoint}`) {
      case "GET /health":
        return sendJson(res, 200, { version: "local", name: "GoTrue", description: "DeskOps local auth server" });
      case "GET /settings":
        return sendJson(res, 200, {
          external: { anonymous_users: options.config.anonymousSignInsEnabled, email: true, phone: false },
          disable_signup: !options.config.signupEnabled,
          mailer_autoconfirm: options.config.autoconfirm,
          phone_autoconfirm: false,
          sms_provider: "",
          saml_enabled: false,
        });
      case "GET /.well-known/jwks.json":
        // The public half of the access tokens' ES256 key; the HS256 secret is never published.
        return sendJson(res, 200, publicJwks(jwtSecret));
      case "POST /signup":
        return sendJson(res, 200, await signup(req, url.searchParams));
      case "POST /token":
        if (grant === "password") return sendJson(res, 200, await passwordGrant(req));
        if (grant === "refresh_token") return sendJson(res, 200, await refreshGrant(req));
        if (grant === "pkce") return sendJson(res, 200, await links.exchangeCode(req));
        throw authErrors.unsupportedGrant();
      case "POST /recover":
        return sendJson(res, 200, await links.recover(req, url.searchParams));
      case "POST /otp":
        return sendJson(res, 200, await links.otp(req, url.searchParams));
      case "POST /resend":
        return sendJson(res, 200, await links.resend(req, url.searchParams));
      case "POST /verify":
        return sendJson(res, 200, await links.verifyPost(req));
      case "GET /verify":
        return links.verifyGet(req, res, url.searchParams);
      case "GET /reauthenticate":
        return sendJson(res, 200, await links.reauthenticate(req));
      case "POST /invite":
        return sendJson(res, 200, await links.invite(req, url.searchParams));
      case "POST /admin/generate_link":
        return sendJson(res, 200, await links.generateLink(req, url.searchParams));
      case "GET /user":
        return sendJson(res, 200, await oneUserJson(pool, (await signedInUser(req)).user));
      case "PUT /user":
        return sendJson(res, 200, await updateSelf(req));
      case "POST /logout":
        await logout(req, url.searchParams);
        res.writeHead(204).end();
        return;
      case "GET /admin/users":
        return adminList(req, res, url.searchParams);
      case "POST /admin/users":
        return sendJson(res, 200, await adminCreate(req));
    }
    const adminUser = /^\/admin\/users\/([^/]+)$/.exec(endpoint);
    if (adminUser) return adminOne(req, res, decodeURIComponent(adminUser[1]!));
    throw authErrors.notFound();
  }

  return async (req, res, path) => {
    try {
      await route(req, res, path);
    } catch (error) {
      if (error instanceof AuthError) return sendAuthError(req, res, error);
      if (error instanceof BodyError) {
        return sendAuthError(req, res, error.kind === "too_large" ? authErrors.tooLarge() : authErrors.badJson(error.message));
      }
      console.error("[auth] unexpected error", error);
      sendAuthError(req, res, new AuthError(500, "unexpected_failure", "Unexpected failure, please check server logs for more information"));
    }
  };
}
