// GoTrue's error responses: the status codes, `error_code`s and both body shapes it sends,
// chosen by the X-Supabase-Api-Version request header as GoTrue chooses them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http";

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

const badRequest = (code: string, message: string) => new AuthError(400, code, message);

export const authErrors = {
  badJson: (detail: string) => badRequest("bad_json", detail),
  validation: (message: string) => badRequest("validation_failed", message),
  invalidCredentials: () => badRequest("invalid_credentials", "Invalid login credentials"),
  emailNotConfirmed: () => badRequest("email_not_confirmed", "Email not confirmed"),
  userBanned: () => badRequest("user_banned", "User is banned"),
  refreshTokenNotFound: () =>
    badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"),
  refreshTokenAlreadyUsed: () =>
    badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used"),
  unsupportedGrant: () => badRequest("validation_failed", "unsupported_grant_type"),
  weakPassword: () => new AuthError(422, "weak_password", "Password should be at least 6 characters."),
  userAlreadyExists: () => new AuthError(422, "user_already_exists", "User already registered"),
  emailExists: () =>
    new AuthError(422, "email_exists", "A user with this email address has already been registered"),
  phoneDisabled: () => badRequest("phone_provider_disabled", "Phone signups are disabled"),
  noAuthorization: () => new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token"),
  badJwt: (detail: string) =>
    new AuthError(403, "bad_jwt", `invalid JWT: unable to parse or verify signature, ${detail}`),
  sessionNotFound: () =>
    new AuthError(403, "session_not_found", "Session from session_id claim in JWT does not exist"),
  userFromJwtNotFound: () => new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist"),
  notAdmin: () => new AuthError(403, "not_admin", "User not allowed"),
  userNotFound: () => new AuthError(404, "user_not_found", "User not found"),
  notFound: () => new AuthError(404, "not_found", "Not found"),
  methodNotAllowed: () => new AuthError(405, "method_not_allowed", "Method not allowed"),
  tooLarge: () => new AuthError(413, "request_too_large", "Request body is too large"),
  emailLinkExpired: () => new AuthError(403, "otp_expired", "Email link is invalid or has expired"),
  tokenExpired: () => new AuthError(403, "otp_expired", "Token has expired or is invalid"),
  anonymousDisabled: () => new AuthError(422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled"),
  signupDisabled: () => new AuthError(422, "signup_disabled", "Signups not allowed for this instance"),
  otpSignupDisabled: () => new AuthError(422, "otp_disabled", "Signups not allowed for otp"),
  samePassword: () => new AuthError(422, "same_password", "New password should be different from the old password."),
  reauthenticationNeeded: () => badRequest("reauthentication_needed", "Password update requires reauthentication"),
  reauthenticationNotValid: () => new AuthError(422, "reauthentication_not_valid", "Nonce has expired or is invalid"),
  emailNotConfirmedForReauthentication: () => new AuthError(422, "email_not_confirmed", "Please verify your email first."),
  emailRateLimit: (seconds: number) =>
    new AuthError(429, "over_email_send_rate_limit", `For security purposes, you can only request this after ${seconds} seconds.`),
  flowStateNotFound: () => new AuthError(404, "flow_state_not_found", "invalid flow state, no valid flow state found"),
  flowStateExpired: () => new AuthError(422, "flow_state_expired", "invalid flow state, flow state has expired"),
  badCodeVerifier: () => new AuthError(403, "bad_code_verifier", "code challenge does not match previously saved code verifier"),
  userWithEmailNotFound: () => new AuthError(404, "user_not_found", "User with this email not found"),
  notSupported: (what: string) => new AuthError(501, "not_implemented", `${what} is not supported by the DeskOps local auth server`),
};

export const API_VERSION_HEADER = "x-supabase-api-version";
const API_VERSION_2024 = "2024-01-01";

/** GoTrue answers in the 2024-01-01 shape when the client asks for that version or later. */
export function wantsApiVersion2024(req: IncomingMessage): boolean {
  const header = req.headers[API_VERSION_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return false;
  return value >= API_VERSION_2024;
}

export function sendAuthError(req: IncomingMessage, res: ServerResponse, error: AuthError): void {
  if (wantsApiVersion2024(req)) {
    sendJson(res, error.status, { code: error.code, message: error.message }, {
      [API_VERSION_HEADER]: API_VERSION_2024,
    });
  } else {
    sendJson(res, error.status, { code: error.status, error_code: error.code, msg: error.message });
  }
}
