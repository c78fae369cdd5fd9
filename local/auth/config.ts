// The [auth] settings of supabase/config.toml that the local auth server honours, with the
// Supabase CLI's defaults for what the file leaves out. Hosted projects set the same things in
// the dashboard (Authentication → Providers, URL Configuration, Emails).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseToml } from "smol-toml";

export type EmailKind = "confirmation" | "invite" | "recovery" | "magic_link" | "reauthentication";

export interface EmailTemplate {
  subject: string;
  /** HTML with Go-template placeholders ({{ .ConfirmationURL }}, {{ .Token }}, {{ .TokenHash }}, ...). */
  content: string;
}

export interface AuthConfig {
  siteUrl: string;
  additionalRedirectUrls: string[];
  signupEnabled: boolean;
  anonymousSignInsEnabled: boolean;
  /** enable_confirmations = false: new email users are confirmed at once (mailer_autoconfirm). */
  autoconfirm: boolean;
  /** Asking for a password change needs a reauthentication nonce (secure_password_change). */
  securePasswordChange: boolean;
  otpLength: number;
  otpExpirySeconds: number;
  /** The shortest time between two emails of one kind to one user (max_frequency). */
  maxFrequencySeconds: number;
  templates: Record<EmailKind, EmailTemplate>;
}

// GoTrue's default subjects and bodies.
const DEFAULT_TEMPLATES: Record<EmailKind, EmailTemplate> = {
  confirmation: {
    subject: "Confirm your email address",
    content: `<h2>Confirm your signup</h2><p>Follow this link to confirm your user:</p><p><a href="{{ .ConfirmationURL }}">Confirm your mail</a></p><p>Alternatively, enter the code: {{ .Token }}</p>`,
  },
  invite: {
    subject: "You've been invited",
    content: `<h2>You have been invited</h2><p>You have been invited to create a user on {{ .SiteURL }}. Follow this link to accept the invite:</p><p><a href="{{ .ConfirmationURL }}">Accept the invite</a></p><p>Alternatively, enter the code: {{ .Token }}</p>`,
  },
  recovery: {
    subject: "Reset your password",
    content: `<h2>Reset Password</h2><p>Follow this link to reset the password for your user:</p><p><a href="{{ .ConfirmationURL }}">Reset Password</a></p><p>Alternatively, enter the code: {{ .Token }}</p>`,
  },
  magic_link: {
    subject: "Your sign-in link",
    content: `<h2>Magic Link</h2><p>Follow this link to login:</p><p><a href="{{ .ConfirmationURL }}">Log In</a></p><p>Alternatively, enter the code: {{ .Token }}</p>`,
  },
  reauthentication: {
    subject: "{{ .Token }} is your verification code",
    content: `<h2>Confirm reauthentication</h2><p>Enter the code: {{ .Token }}</p>`,
  },
};

type Table = Record<string, unknown>;
const tableOf = (value: unknown): Table => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Table) : {});
const booleanOr = (value: unknown, fallback: boolean) => (typeof value === "boolean" ? value : fallback);
const numberOr = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** "1s", "60s", "5m": the CLI's duration format. */
function seconds(value: unknown, fallback: number): number {
  if (typeof value === "number") return value;
  const match = typeof value === "string" ? /^(\d+)(s|m|h)$/.exec(value.trim()) : null;
  if (!match) return fallback;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as "s" | "m" | "h"];
}

export async function readAuthConfig(projectDir: string): Promise<AuthConfig> {
  const file = path.join(projectDir, "supabase", "config.toml");
  const toml = tableOf(parseToml(await readFile(file, "utf8").catch(() => "")));
  const auth = tableOf(toml.auth);
  const email = tableOf(auth.email);
  const templateTables = tableOf(email.template);
  const templates = { ...DEFAULT_TEMPLATES };
  for (const kind of Object.keys(DEFAULT_TEMPLATES) as EmailKind[]) {
    const table = tableOf(templateTables[kind]);
    const contentPath = typeof table.content_path === "string" ? path.resolve(projectDir, table.content_path) : null;
    templates[kind] = {
      subject: typeof table.subject === "string" ? table.subject : DEFAULT_TEMPLATES[kind].subject,
      content: contentPath ? await readFile(contentPath, "utf8") : DEFAULT_TEMPLATES[kind].content,
    };
  }
  return {
    siteUrl: typeof auth.site_url === "string" ? auth.site_url : "http://127.0.0.1:3000",
    additionalRedirectUrls: Array.isArray(auth.additional_redirect_urls) ? auth.additional_redirect_urls.map(String) : [],
    signupEnabled: booleanOr(auth.enable_signup, true) && booleanOr(email.enable_signup, true),
    anonymousSignInsEnabled: booleanOr(auth.enable_anonymous_sign_ins, false),
    autoconfirm: !booleanOr(email.enable_confirmations, false),
    securePasswordChange: booleanOr(email.secure_password_change, false),
    otpLength: numberOr(email.otp_length, 6),
    otpExpirySeconds: numberOr(email.otp_expiry, 3600),
    maxFrequencySeconds: seconds(email.max_frequency, 1),
    templates,
  };
}
