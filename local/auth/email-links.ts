// GoTrue's email flows, as supabase-js calls them: password recovery (/recover), magic links and
// email OTPs (/otp), /resend, /reauthenticate, /invite and /admin/generate_link, all answered by
// /verify (POST with a code or token hash; GET from an email's link, which redirects). Each email
// carries a 6-digit code and a link; the token GoTrue stores is sha224(email + code), prefixed
// "pkce_" when the client started a PKCE flow (its auth code is exchanged at /token?grant_type=pkce).
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { z } from "zod";
import { isAllowedRedirect } from "./redirects";
import { readJson } from "../http";
import type { AuthConfig, EmailKind } from "./config";
import { AuthError, authErrors } from "./errors";
import type { Inbox } from "./inbox";
import {
  clearOneTimeToken,
  findUserByEmail,
  findUserById,
  findUserByOneTimeToken,
  insertUser,
  markInvited,
  oneUserJson,
  setOneTimeToken,
  tokenState,
  updateUser,
  type OneTimeTokenKind,
  type UserRow,
} from "./users";

/** How a session was started: the `amr` method GoTrue records for it. */
export type AuthMethod = "password" | "otp" | "recovery" | "magiclink" | "invite" | "email/signup" | "anonymous";

export interface LinkContext {
  pool: pg.Pool;
  config: AuthConfig;
  inbox: Inbox;
  /** The public URL of /auth/v1, for the links in emails. */
  issuer: string;
  now(): Date;
  issueSession(req: IncomingMessage, userId: string, method: AuthMethod): Promise<SessionJson>;
  signedInUser(req: IncomingMessage): Promise<{ user: UserRow }>;
  requireAdmin(req: IncomingMessage): void;
  checkEmail(email: string): string;
}

export interface SessionJson {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires_at: number;
  token_type: string;
  user: Record<string, unknown>;
}

type VerifyType = "signup" | "invite" | "recovery" | "magiclink" | "email";

const PKCE_PREFIX = "pkce_";
const FLOW_STATE_SECONDS = 300;

export const tokenHash = (email: string, otp: string) => createHash("sha224").update(email + otp).digest("hex");
const newOtp = (length: number) => Array.from({ length }, () => randomInt(10)).join("");

const pkceBody = {
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
};
const recoverBody = z.object({ email: z.string().nullish(), ...pkceBody });
const otpBody = z.object({ email: z.string().nullish(), phone: z.string().nullish(), create_user: z.boolean().nullish(), data: z.record(z.string(), z.unknown()).nullish(), ...pkceBody });
const resendBody = z.object({ type: z.string().nullish(), email: z.string().nullish(), phone: z.string().nullish(), ...pkceBody });
const verifyBody = z.object({ type: z.string().nullish(), token: z.string().nullish(), token_hash: z.string().nullish(), email: z.string().nullish(), phone: z.string().nullish(), redirect_to: z.string().nullish() });
const inviteBody = z.object({ email: z.string().nullish(), data: z.record(z.string(), z.unknown()).nullish() });
const generateLinkBody = z.object({
  type: z.string().nullish(),
  email: z.string().nullish(),
  new_email: z.string().nullish(),
  password: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
  redirect_to: z.string().nullish(),
});
const pkceGrantBody = z.object({ auth_code: z.string().nullish(), code_verifier: z.string().nullish() });

async function body<T>(schema: z.ZodType<T>, req: IncomingMessage): Promise<T> {
  const result = schema.safeParse(await readJson(req));
  if (!result.success) throw authErrors.badJson(`Could not read the request body: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}

const VERIFY_TYPES: Record<VerifyType, OneTimeTokenKind[]> = {
  signup: ["confirmation"],
  invite: ["confirmation"],
  recovery: ["recovery"],
  magiclink: ["recovery"],
  email: ["confirmation", "recovery"],
};

const isVerifyType = (type: string): type is VerifyType => type in VERIFY_TYPES;

export function createEmailLinks(context: LinkContext) {
  const { pool, config, now } = context;

  /** Where a link may send the user back to (GoTrue's rule, redirects.ts), else the site URL. */
  const redirectTarget = (requested: string | null | undefined): string =>
    requested && isAllowedRedirect(requested, config.siteUrl, config.additionalRedirectUrls) ? requested : config.siteUrl;

  function render(text: string, values: Record<string, string>): string {
    return text.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  }

  async function sendEmail(user: UserRow, kind: EmailKind, verifyType: VerifyType | "reauthentication", otp: string, storedToken: string, redirectTo: string) {
    const email = user.email ?? "";
    const confirmationUrl = `${context.issuer}/verify?token=${encodeURIComponent(storedToken)}&type=${verifyType}&redirect_to=${encodeURIComponent(redirectTo)}`;
    const values = {
      ConfirmationURL: confirmationUrl,
      Token: otp,
      TokenHash: storedToken,
      SiteURL: config.siteUrl,
      Email: email,
      RedirectTo: redirectTo,
    };
    const template = config.templates[kind];
    context.inbox.deliver({ to: email, subject: render(template.subject, values), html: render(template.content, values) });
  }

  /** GoTrue's max_frequency: one email of a kind per user per interval. */
  async function checkFrequency(user: UserRow, kind: OneTimeTokenKind) {
    const { sentAt } = await tokenState(pool, user.id, kind);
    if (!sentAt) return;
    const wait = Math.ceil(config.maxFrequencySeconds - (now().getTime() - sentAt.getTime()) / 1000);
    if (wait > 0) throw authErrors.emailRateLimit(wait);
  }

  async function startFlow(user: UserRow, method: AuthMethod, challenge: { code_challenge?: string | null; code_challenge_method?: string | null }): Promise<boolean> {
    if (!challenge.code_challenge) return false;
    const methodName = (challenge.code_challenge_method ?? "").toLowerCase();
    if (!["s256", "plain"].includes(methodName) || challenge.code_challenge.length < 43 || challenge.code_challenge.length > 128) {
      throw authErrors.validation("PKCE flow requires code_challenge_method and code_challenge");
    }
    await pool.query(
      `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, created_at, updated_at, authentication_method)
       values ($1, $2, $3, $4, $5, $6, $7, $7, $6)`,
      [randomUUID(), user.id, randomUUID(), methodName, challenge.code_challenge, method, now()],
    );
    return true;
  }

  /** Stores a fresh code for the user and emails it with its link. */
  async function sendToken(user: UserRow, kind: OneTimeTokenKind, email: EmailKind, verifyType: VerifyType | "reauthentication", redirectTo: string, pkce: boolean) {
    await checkFrequency(user, kind);
    const otp = newOtp(config.otpLength);
    const stored = (pkce ? PKCE_PREFIX : "") + tokenHash(user.email ?? "", otp);
    await setOneTimeToken(pool, user.id, kind, stored, now());
    await sendEmail(user, email, verifyType, otp, stored, redirectTo);
    return { otp, stored };
  }

  // POST /recover ----------------------------------------------------------------------------
  async function recover(req: IncomingMessage, query: URLSearchParams) {
    const params = await body(recoverBody, req);
    if (!params.email) throw authErrors.validation("Password recovery requires an email");
    const user = await findUserByEmail(pool, context.checkEmail(params.email));
    // Whether the address has a user is never told.
    if (!user) return {};
    const pkce = await startFlow(user, "recovery", params);
    await sendToken(user, "recovery", "recovery", "recovery", redirectTarget(query.get("redirect_to")), pkce);
    return {};
  }

  // POST /otp: a magic link and code; a new address becomes a user unless create_user is false.
  async function otp(req: IncomingMessage, query: URLSearchParams) {
    const params = await body(otpBody, req);
    if (params.email && params.phone) throw authErrors.validation("Only an email address or phone number should be provided");
    if (params.phone) throw authErrors.phoneDisabled();
    if (!params.email) throw authErrors.validation("One of email or phone must be set");
    const email = context.checkEmail(params.email);
    let user = await findUserByEmail(pool, email);
    if (!user) {
      if (params.create_user === false || !config.signupEnabled) throw authErrors.otpSignupDisabled();
      await insertUser(pool, {
        email, phone: null, password: null, emailConfirmed: config.autoconfirm,
        appMetadata: { provider: "email", providers: ["email"] }, userMetadata: params.data ?? {}, role: "authenticated", now: now(),
      });
      user = (await findUserByEmail(pool, email))!;
      if (!config.autoconfirm) {
        const pkce = await startFlow(user, "email/signup", params);
        await sendToken(user, "confirmation", "confirmation", "signup", redirectTarget(query.get("redirect_to")), pkce);
        return {};
      }
    }
    const pkce = await startFlow(user, "magiclink", params);
    await sendToken(user, "recovery", "magic_link", "magiclink", redirectTarget(query.get("redirect_to")), pkce);
    return {};
  }

  // POST /resend: the signup confirmation again, for a user who has not confirmed yet.
  async function resend(req: IncomingMessage, query: URLSearchParams) {
    const params = await body(resendBody, req);
    if (params.type !== "signup" && params.type !== "email_change" && params.type !== "sms" && params.type !== "phone_change") {
      throw authErrors.validation("Missing one of these types: signup, email_change, sms, phone_change");
    }
    if (params.type === "sms" || params.type === "phone_change") throw authErrors.phoneDisabled();
    if (!params.email) throw authErrors.validation("Type provided requires an email address");
    const user = await findUserByEmail(pool, context.checkEmail(params.email));
    if (!user || params.type === "email_change") return {};
    if (user.email_confirmed_at) return {};
    const pkce = await startFlow(user, "email/signup", params);
    await sendToken(user, "confirmation", "confirmation", "signup", redirectTarget(query.get("redirect_to")), pkce);
    return {};
  }

  // GET /reauthenticate: a code by email, to confirm a password change with (its nonce).
  async function reauthenticate(req: IncomingMessage) {
    const { user } = await context.signedInUser(req);
    if (!user.email) throw authErrors.validation("Reauthentication requires the user to have an email or a phone number");
    if (!user.email_confirmed_at) throw authErrors.emailNotConfirmedForReauthentication();
    await sendToken(user, "reauthentication", "reauthentication", "reauthentication", config.siteUrl, false);
    return {};
  }

  /** PUT /user with a password: the nonce, when given (or required), must be the last code sent. */
  async function checkNonce(user: UserRow, nonce: string | undefined): Promise<void> {
    if (!nonce) {
      if (config.securePasswordChange) throw authErrors.reauthenticationNeeded();
      return;
    }
    const { token, sentAt } = await tokenState(pool, user.id, "reauthentication");
    if (!token || !sentAt) throw authErrors.reauthenticationNotValid();
    if (token !== tokenHash(user.email ?? "", nonce) || now().getTime() > sentAt.getTime() + config.otpExpirySeconds * 1000) throw authErrors.tokenExpired();
    await clearOneTimeToken(pool, user.id, "reauthentication");
  }

  // POST /invite (service role): an unconfirmed user and an email to accept with.
  async function invite(req: IncomingMessage, query: URLSearchParams) {
    context.requireAdmin(req);
    const params = await body(inviteBody, req);
    const email = context.checkEmail(params.email ?? "");
    let user = await findUserByEmail(pool, email);
    if (user?.email_confirmed_at) throw authErrors.emailExists();
    if (!user) {
      await insertUser(pool, {
        email, phone: null, password: null, emailConfirmed: false,
        appMetadata: { provider: "email", providers: ["email"] }, userMetadata: params.data ?? {}, role: "authenticated", now: now(),
      });
      user = (await findUserByEmail(pool, email))!;
    }
    await markInvited(pool, user.id, now());
    await sendToken(user, "confirmation", "invite", "invite", redirectTarget(query.get("redirect_to")), false);
    return oneUserJson(pool, (await findUserByEmail(pool, email))!);
  }

  // POST /admin/generate_link (service role): the link and code an email would carry, without sending it.
  async function generateLink(req: IncomingMessage, query: URLSearchParams) {
    context.requireAdmin(req);
    const params = await body(generateLinkBody, req);
    const email = context.checkEmail(params.email ?? "");
    const redirectTo = redirectTarget(params.redirect_to ?? query.get("redirect_to"));
    let user = await findUserByEmail(pool, email);
    const create = async (password: string | null, confirmed: boolean) => {
      await insertUser(pool, {
        email, phone: null, password, emailConfirmed: confirmed,
        appMetadata: { provider: "email", providers: ["email"] }, userMetadata: params.data ?? {}, role: "authenticated", now: now(),
      });
      return (await findUserByEmail(pool, email))!;
    };
    let kind: OneTimeTokenKind;
    switch (params.type) {
      case "signup":
        if (user?.email_confirmed_at) throw authErrors.emailExists();
        if (!params.password) throw authErrors.validation("Signup requires a valid password");
        user ??= await create(params.password, false);
        kind = "confirmation";
        break;
      case "invite":
        if (user?.email_confirmed_at) throw authErrors.emailExists();
        user ??= await create(null, false);
        await markInvited(pool, user.id, now());
        kind = "confirmation";
        break;
      case "magiclink":
        user ??= await create(null, config.autoconfirm);
        kind = "recovery";
        break;
      case "recovery":
        if (!user) throw authErrors.userWithEmailNotFound();
        kind = "recovery";
        break;
      case "email_change_current":
      case "email_change_new":
        throw authErrors.notSupported(`generate_link of type ${params.type}`);
      default:
        throw authErrors.validation(`Invalid email action link type requested: ${String(params.type)}`);
    }
    const code = newOtp(config.otpLength);
    const hashed = tokenHash(email, code);
    await setOneTimeToken(pool, user.id, kind, hashed, now());
    return {
      ...(await oneUserJson(pool, (await findUserByEmail(pool, email))!)),
      action_link: `${context.issuer}/verify?token=${hashed}&type=${params.type}&redirect_to=${encodeURIComponent(redirectTo)}`,
      email_otp: code,
      hashed_token: hashed,
      verification_type: params.type,
      redirect_to: redirectTo,
    };
  }

  // /verify ---------------------------------------------------------------------------------------

  /** The user one of the tokens belongs to, if it is still valid; it is used up. */
  async function consume(type: VerifyType, tokens: string[], message: () => AuthError): Promise<UserRow> {
    let found: Awaited<ReturnType<typeof findUserByOneTimeToken>> = null;
    for (const token of tokens) found ??= await findUserByOneTimeToken(pool, VERIFY_TYPES[type], token);
    if (!found) throw message();
    const { sentAt } = await tokenState(pool, found.user.id, found.kind);
    if (!sentAt || now().getTime() > sentAt.getTime() + config.otpExpirySeconds * 1000) throw message();
    if (found.user.banned_until && found.user.banned_until.getTime() > now().getTime()) throw new AuthError(403, "user_banned", "User is banned");
    await clearOneTimeToken(pool, found.user.id, found.kind);
    // Following any link proves the address: the user is confirmed from here on.
    await updateUser(pool, found.user.id, { emailConfirmed: true, now: now() });
    return found.user;
  }

  const methodOf = (type: VerifyType): AuthMethod =>
    type === "recovery" ? "recovery" : type === "invite" ? "invite" : type === "signup" ? "email/signup" : type === "magiclink" ? "magiclink" : "otp";

  /** POST /verify: a code with its email, or a token hash; answers with a session. */
  async function verifyPost(req: IncomingMessage) {
    const params = await body(verifyBody, req);
    if (!params.type) throw authErrors.validation("Verify requires a verification type");
    if (params.phone) throw authErrors.phoneDisabled();
    if (!isVerifyType(params.type)) throw authErrors.validation("Unsupported verification type");
    let user: UserRow;
    if (params.token_hash) {
      if (params.token || params.email) throw authErrors.validation("Only the token_hash and type should be provided");
      user = await consume(params.type, [params.token_hash], authErrors.emailLinkExpired);
    } else {
      if (!params.token) throw authErrors.validation("Verify requires either a token or a token hash");
      if (!params.email) throw authErrors.validation("Only an email address or phone number should be provided on verify");
      // A code works whichever flow asked for it: the stored token may carry the PKCE prefix.
      const hash = tokenHash(context.checkEmail(params.email), params.token);
      user = await consume(params.type, [hash, PKCE_PREFIX + hash], authErrors.tokenExpired);
    }
    return context.issueSession(req, user.id, methodOf(params.type));
  }

  const withFragment = (url: string, values: Record<string, string>) => `${url.split("#")[0]}#${new URLSearchParams(values).toString()}`;
  const withQuery = (url: string, values: Record<string, string>) => {
    const target = new URL(url);
    for (const [name, value] of Object.entries(values)) target.searchParams.set(name, value);
    return target.toString();
  };

  /** GET /verify: an email's link. Redirects with the session in the fragment, or a PKCE code in the query. */
  async function verifyGet(req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const type = query.get("type") ?? "";
    const token = query.get("token") ?? "";
    const redirectTo = redirectTarget(query.get("redirect_to"));
    let location: string;
    try {
      if (!type) throw authErrors.validation("Verify requires a verification type");
      if (!token) throw authErrors.validation("Verify requires a token or a token hash");
      if (!isVerifyType(type)) throw authErrors.validation("Unsupported verification type");
      const user = await consume(type, [token], authErrors.emailLinkExpired);
      if (token.startsWith(PKCE_PREFIX)) {
        location = withQuery(redirectTo, { code: await issueAuthCode(user.id, methodOf(type)) });
      } else {
        const session = await context.issueSession(req, user.id, methodOf(type));
        location = withFragment(redirectTo, {
          access_token: session.access_token, expires_at: String(session.expires_at), expires_in: String(session.expires_in),
          refresh_token: session.refresh_token, token_type: session.token_type, type,
        });
      }
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      location = withFragment(redirectTo, { error: error.status === 403 ? "access_denied" : "server_error", error_code: error.code, error_description: error.message });
    }
    res.writeHead(303, { location });
    res.end();
  }

  async function issueAuthCode(userId: string, method: AuthMethod): Promise<string> {
    const code = randomUUID();
    const { rowCount } = await pool.query(
      `update auth.flow_state set auth_code = $3, auth_code_issued_at = $4, updated_at = $4
        where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc limit 1)`,
      [userId, method, code, now()],
    );
    if (!rowCount) throw new AuthError(422, "flow_state_not_found", "No valid flow state found for user.");
    return code;
  }

  // POST /token?grant_type=pkce: the auth code and the verifier whose challenge started the flow.
  async function exchangeCode(req: IncomingMessage) {
    const params = await body(pkceGrantBody, req);
    if (!params.auth_code || !params.code_verifier) throw authErrors.validation("invalid request: both auth code and code verifier should be non-empty");
    const { rows } = await pool.query<{ id: string; user_id: string; code_challenge: string; code_challenge_method: string; authentication_method: AuthMethod; created_at: Date }>(
      "select id, user_id, code_challenge, code_challenge_method, authentication_method, created_at from auth.flow_state where auth_code = $1",
      [params.auth_code],
    );
    const flow = rows[0];
    if (!flow) throw authErrors.flowStateNotFound();
    if (now().getTime() > flow.created_at.getTime() + FLOW_STATE_SECONDS * 1000) throw authErrors.flowStateExpired();
    const challenge = flow.code_challenge_method === "s256" ? createHash("sha256").update(params.code_verifier).digest("base64url") : params.code_verifier;
    if (challenge !== flow.code_challenge) throw authErrors.badCodeVerifier();
    await pool.query("delete from auth.flow_state where id = $1", [flow.id]);
    return context.issueSession(req, flow.user_id, flow.authentication_method);
  }

  /** The signup confirmation, when confirmations are on. */
  async function resendConfirmation(userId: string, redirectTo: string | null) {
    const user = await findUserById(pool, userId);
    if (user) await sendToken(user, "confirmation", "confirmation", "signup", redirectTarget(redirectTo), false);
  }

  return { recover, otp, resend, reauthenticate, checkNonce, invite, generateLink, verifyPost, verifyGet, exchangeCode, resendConfirmation };
}
