// Supabase Auth's email flows through the official supabase-js client, written from Supabase's
// documentation: password recovery (by link, by code, and the PKCE flow @supabase/ssr uses),
// magic links and email OTPs, resend, reauthentication, invites, generate_link, anonymous
// sign-ins, and admin input validation. Mail lands in the local inbox, read here as a developer
// would read it.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverRealtime } from "@/lib/supabase/server-transport";
import type { Mail } from "@/local/auth/inbox";
import { startAuthServer, type PrivateAuthServer } from "../helpers/auth-server";
import { TEST_PASSWORD, anonClient, serviceClient, stack, uniqueEmail } from "../helpers/supabase";

const APP = "http://127.0.0.1:3000";

async function newUser(options: { confirmed?: boolean } = {}): Promise<string> {
  const email = uniqueEmail("mail");
  const { error } = await serviceClient().auth.admin.createUser({ email, password: TEST_PASSWORD, email_confirm: options.confirmed ?? true });
  if (error) throw error;
  return email;
}

/** The newest email to `to` in the stack's inbox, once it is there. */
async function latestMail(to: string, after = 0): Promise<Mail> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const response = await fetch(`${stack().apiUrl}/inbox/api/messages?to=${encodeURIComponent(to)}`);
    const mails = (await response.json()) as Mail[];
    if (mails.length > after) return mails[0]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to}`);
}

const mailCount = async (to: string) => ((await (await fetch(`${stack().apiUrl}/inbox/api/messages?to=${encodeURIComponent(to)}`)).json()) as Mail[]).length;
const codeIn = (mail: Mail) => /\b(\d{6})\b/.exec(mail.html)?.[1] ?? "";
const fragmentOf = (location: string) => new URLSearchParams(new URL(location).hash.slice(1));

/** Follows an email's link as a browser would, without following the redirect to the app. */
async function follow(link: string): Promise<string> {
  const response = await fetch(link, { redirect: "manual" });
  expect(response.status).toBe(303);
  return response.headers.get("location") ?? "";
}

const pkceClient = () =>
  createClient(stack().apiUrl, stack().anonKey, { auth: { persistSession: false, autoRefreshToken: false, flowType: "pkce" }, realtime: serverRealtime });

describe("auth: password recovery", () => {
  it("emails a link that signs the user in for a new password, and the old one stops working", async () => {
    const email = await newUser();
    const client = anonClient();
    expect((await client.auth.resetPasswordForEmail(email, { redirectTo: `${APP}/reset-password` })).error).toBeNull();
    const mail = await latestMail(email);
    expect(mail.subject).toBe("Reset your password");
    const link = mail.links.find((href) => href.includes("/auth/v1/verify"))!;
    expect(link).toContain("type=recovery");

    const location = await follow(link);
    expect(location.startsWith(`${APP}/reset-password#`)).toBe(true);
    const fragment = fragmentOf(location);
    expect(fragment.get("type")).toBe("recovery");
    const { error: sessionError } = await client.auth.setSession({ access_token: fragment.get("access_token")!, refresh_token: fragment.get("refresh_token")! });
    expect(sessionError).toBeNull();
    const same = await client.auth.updateUser({ password: TEST_PASSWORD });
    expect(same.error?.code).toBe("same_password");
    expect((await client.auth.updateUser({ password: "a-brand-new-password" })).error).toBeNull();

    expect((await anonClient().auth.signInWithPassword({ email, password: "a-brand-new-password" })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: TEST_PASSWORD })).error?.code).toBe("invalid_credentials");
    // A link works once.
    expect(fragmentOf(await follow(link)).get("error_code")).toBe("otp_expired");
  });

  it("takes the emailed code instead of the link", async () => {
    const email = await newUser();
    await anonClient().auth.resetPasswordForEmail(email);
    const code = codeIn(await latestMail(email));
    const wrong = await anonClient().auth.verifyOtp({ email, token: code === "000000" ? "111111" : "000000", type: "recovery" });
    expect(wrong.error).toMatchObject({ status: 403, code: "otp_expired", message: "Token has expired or is invalid" });
    const { data, error } = await anonClient().auth.verifyOtp({ email, token: code, type: "recovery" });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
  });

  it("runs the PKCE flow @supabase/ssr uses: the link returns a code the same client exchanges", async () => {
    const email = await newUser();
    const client = pkceClient();
    await client.auth.resetPasswordForEmail(email, { redirectTo: `${APP}/auth/callback` });
    const link = (await latestMail(email)).links[0]!;
    expect(new URL(link).searchParams.get("token")).toMatch(/^pkce_/);
    const location = new URL(await follow(link));
    const code = location.searchParams.get("code")!;
    expect(location.origin + location.pathname).toBe(`${APP}/auth/callback`);
    const { data, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
    const claims = JSON.parse(Buffer.from(data.session!.access_token.split(".")[1]!, "base64url").toString()) as { amr: Array<{ method: string }> };
    expect(claims.amr[0]?.method).toBe("recovery");
    expect((await pkceClient().auth.exchangeCodeForSession(code)).error).not.toBeNull();
  });

  it("says nothing about addresses without a user, and refuses a second email within max_frequency", async () => {
    expect((await anonClient().auth.resetPasswordForEmail(uniqueEmail("nobody"))).error).toBeNull();
    const email = await newUser();
    expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull();
    const again = await anonClient().auth.resetPasswordForEmail(email);
    expect(again.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
  });
});

describe("auth: magic links and email OTP", () => {
  it("signs an existing user in by code, once", async () => {
    const email = await newUser();
    expect((await anonClient().auth.signInWithOtp({ email, options: { shouldCreateUser: false } })).error).toBeNull();
    const mail = await latestMail(email);
    expect(mail.subject).toBe("Your sign-in link");
    const code = codeIn(mail);
    const { data, error } = await anonClient().auth.verifyOtp({ email, token: code, type: "email" });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect((await anonClient().auth.verifyOtp({ email, token: code, type: "email" })).error?.code).toBe("otp_expired");
  });

  it("refuses an unknown address while sign-up is closed (DeskOps's setting), and creates the user when it is open unless told not to", async () => {
    const stranger = uniqueEmail("stranger");
    expect((await anonClient().auth.signInWithOtp({ email: stranger })).error).toMatchObject({ status: 422, code: "otp_disabled" });
    const open = await startAuthServer({ signupEnabled: true });
    try {
      const refused = await open.client().auth.signInWithOtp({ email: stranger, options: { shouldCreateUser: false } });
      expect(refused.error).toMatchObject({ status: 422, code: "otp_disabled", message: "Signups not allowed for otp" });
      expect((await open.client().auth.signInWithOtp({ email: stranger })).error).toBeNull();
      const verified = await open.client().auth.verifyOtp({ email: stranger, token: codeIn(open.mails.at(-1)!), type: "email" });
      expect(verified.error).toBeNull();
      expect(verified.data.user?.email).toBe(stranger);
    } finally {
      await open.stop();
    }
  });
});

describe("auth: resend and reauthentication", () => {
  it("resends a signup confirmation to an unconfirmed user only", async () => {
    const confirmed = await newUser();
    expect((await anonClient().auth.resend({ type: "signup", email: confirmed })).error).toBeNull();
    expect(await mailCount(confirmed)).toBe(0);

    const pending = await newUser({ confirmed: false });
    expect((await anonClient().auth.signInWithPassword({ email: pending, password: TEST_PASSWORD })).error?.code).toBe("email_not_confirmed");
    expect((await anonClient().auth.resend({ type: "signup", email: pending })).error).toBeNull();
    const mail = await latestMail(pending);
    expect(mail.subject).toBe("Confirm your email address");
    expect((await anonClient().auth.verifyOtp({ email: pending, token: codeIn(mail), type: "signup" })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email: pending, password: TEST_PASSWORD })).error).toBeNull();
  });

  it("emails a nonce that confirms a password change", async () => {
    const email = await newUser();
    const client = anonClient();
    await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect((await client.auth.reauthenticate()).error).toBeNull();
    const mail = await latestMail(email);
    const nonce = codeIn(mail);
    expect(mail.subject).toBe(`${nonce} is your verification code`);
    expect((await client.auth.updateUser({ password: "changed-with-nonce", nonce: nonce === "000000" ? "111111" : "000000" })).error?.code).toBe("otp_expired");
    expect((await client.auth.updateUser({ password: "changed-with-nonce", nonce })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: "changed-with-nonce" })).error).toBeNull();
  });
});

describe("auth: invites and generated links", () => {
  it("invites a user who accepts by link and sets a password", async () => {
    const email = uniqueEmail("invitee");
    const { data, error } = await serviceClient().auth.admin.inviteUserByEmail(email, { data: { first_name: "Ines" }, redirectTo: `${APP}/welcome` });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, user_metadata: { first_name: "Ines" } });
    const mail = await latestMail(email);
    expect(mail.subject).toBe("You've been invited");
    const location = await follow(mail.links[0]!);
    expect(location.startsWith(`${APP}/welcome#`)).toBe(true);
    const fragment = fragmentOf(location);
    const client = anonClient();
    await client.auth.setSession({ access_token: fragment.get("access_token")!, refresh_token: fragment.get("refresh_token")! });
    expect((await client.auth.updateUser({ password: "invited-password" })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: "invited-password" })).error).toBeNull();
    expect((await serviceClient().auth.admin.inviteUserByEmail(email)).error?.code).toBe("email_exists");
    expect((await anonClient().auth.admin.inviteUserByEmail(uniqueEmail("x"))).error?.status).toBe(403);
  });

  it("generates a recovery link and code without sending them, and refuses an unknown address", async () => {
    const email = await newUser();
    const { data, error } = await serviceClient().auth.admin.generateLink({ type: "recovery", email });
    expect(error).toBeNull();
    const properties = data.properties!;
    expect(properties).toMatchObject({ verification_type: "recovery", email_otp: expect.stringMatching(/^\d{6}$/) });
    expect(properties.action_link).toContain(`token=${properties.hashed_token}`);
    expect(await mailCount(email)).toBe(0);
    const verified = await anonClient().auth.verifyOtp({ token_hash: properties.hashed_token, type: "recovery" });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email).toBe(email);
    const unknown = await serviceClient().auth.admin.generateLink({ type: "recovery", email: uniqueEmail("ghost") });
    expect(unknown.error).toMatchObject({ status: 404, code: "user_not_found" });
  });
});

describe("auth: anonymous sign-ins and admin validation", () => {
  it("refuses anonymous sign-ins while the project has them off", async () => {
    const { error } = await anonClient().auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: "anonymous_provider_disabled", message: "Anonymous sign-ins are disabled" });
  });

  it("validates admin input with GoTrue's messages", async () => {
    const bad = await serviceClient().auth.admin.createUser({ email: "not-an-email", password: TEST_PASSWORD });
    expect(bad.error).toMatchObject({ status: 400, message: "Unable to validate email address: invalid format" });
    const negative = await serviceClient().auth.admin.listUsers({ page: -1 });
    expect(negative.error).toMatchObject({ status: 400, message: 'Bad Pagination Parameters: strconv.ParseUint: parsing "-1": invalid syntax' });
  });

  it("shows the inbox to a developer's browser", async () => {
    const email = await newUser();
    await anonClient().auth.resetPasswordForEmail(email);
    await latestMail(email);
    const page = await fetch(`${stack().apiUrl}/inbox?to=${encodeURIComponent(email)}`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Reset your password");
  });
});

describe("auth: settings a project can turn on", () => {
  let server: PrivateAuthServer;
  let client: SupabaseClient;

  beforeAll(async () => {
    server = await startAuthServer({ anonymousSignInsEnabled: true, securePasswordChange: true, signupEnabled: false });
    client = server.client();
  });

  afterAll(async () => {
    await server.stop();
  });

  it("signs in anonymously, with is_anonymous in the user and the token", async () => {
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { device: "kiosk" } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, email: "", user_metadata: { device: "kiosk" } });
    const claims = JSON.parse(Buffer.from(data.session!.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims.is_anonymous).toBe(true);
    expect(claims.role).toBe("authenticated");
  });

  it("refuses a password change without a reauthentication nonce, and sign-ups when they are off", async () => {
    const email = await newUser();
    await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
    expect((await client.auth.updateUser({ password: "no-nonce-given" })).error).toMatchObject({ status: 400, code: "reauthentication_needed" });
    expect((await server.client().auth.signUp({ email: uniqueEmail("closed"), password: TEST_PASSWORD })).error).toMatchObject({ status: 422, code: "signup_disabled" });
  });

  it("expires an emailed code after otp_expiry", async () => {
    const email = await newUser();
    server.now = Date.now();
    await client.auth.resetPasswordForEmail(email);
    const code = codeIn(server.mails.at(-1)!);
    server.now += 3601 * 1000;
    const late = await server.client().auth.verifyOtp({ email, token: code, type: "recovery" });
    expect(late.error).toMatchObject({ status: 403, code: "otp_expired" });
    server.now = null;
  });
});
