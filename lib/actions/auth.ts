// Signing in and out, and the forgotten-password flow, as form actions (useActionState). Each
// answers a FormState with the reason in words a dispatcher acts on; a success redirects.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { fieldErrorsOf, typedValues, type FormState } from "@/lib/forms";
import { PAGES, safeNextPath } from "@/lib/navigation";
import { noteFailedSignIn, requestPasswordReset, signInWaitSeconds, signInWithPassword, signOut, updatePassword, type AuthFailure } from "@/lib/queries/auth";
import { createAdminClient } from "@/lib/supabase/admin";
import { createClient } from "@/lib/supabase/server";
import { newPasswordSchema, passwordResetRequestSchema, signInSchema } from "@/lib/validations/auth";

export const AUTH_MESSAGES: Record<AuthFailure, string> = {
  // GoTrue answers the same for an unknown email and a wrong password, so that nobody can find out
  // who has an account by trying; the message says so.
  invalid_credentials: "That email and password do not match an account. Check both and try again.",
  rate_limited: "Too many attempts in a short time. Wait a minute, then try again.",
  weak_password: "That password is too easy to guess. Choose a longer one.",
  same_password: "That is your current password. Choose a new one.",
  link_expired: "This link has expired or was already used. Ask for a new one.",
  unavailable: "Signing in is unavailable right now: the authentication service is not answering. Try again in a moment.",
};

const SECRETS = ["password", "confirm"];

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = typedValues(formData, SECRETS);
  const form = signInSchema.safeParse(Object.fromEntries(formData));
  if (!form.success) return { status: "error", fieldErrors: fieldErrorsOf(form.error), values };
  const address = clientAddress(await headers());
  const admin = createAdminClient();
  const wait = await signInWaitSeconds(admin, address);
  if (wait === null) return { status: "error", message: AUTH_MESSAGES.unavailable, values };
  if (wait > 0) return { status: "error", message: tooManyFailures(wait), values };
  const result = await signInWithPassword(await createClient(), form.data.email, form.data.password);
  if (!result.ok && result.failure === "invalid_credentials") await noteFailedSignIn(admin, address);
  if (!result.ok) return { status: "error", message: AUTH_MESSAGES[result.failure ?? "unavailable"], values };
  redirect(safeNextPath(form.data.next));
}

const tooManyFailures = (seconds: number) =>
  `Too many wrong passwords from this network. Wait ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}, then try again.`;

/**
 * Where the request comes from: the first X-Forwarded-For address, as the host in front of the
 * app (Vercel, a load balancer) writes it. Without such a host a client can send its own header
 * and so choose its address: SECURITY.md says to run DeskOps behind one.
 */
function clientAddress(requestHeaders: Headers): string {
  return requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || requestHeaders.get("x-real-ip") || "unknown";
}

export async function signOutAction(): Promise<void> {
  await signOut(await createClient());
  redirect("/login");
}

/** The app's own origin, for links mailed to the user (GoTrue checks it against its allow list). */
async function appOrigin(): Promise<string> {
  const requestHeaders = await headers();
  const origin = requestHeaders.get("origin");
  if (origin) return origin;
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "127.0.0.1:3000";
  return `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${host}`;
}

export async function requestPasswordResetAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = typedValues(formData);
  const form = passwordResetRequestSchema.safeParse(Object.fromEntries(formData));
  if (!form.success) return { status: "error", fieldErrors: fieldErrorsOf(form.error), values };
  const redirectTo = `${await appOrigin()}/auth/confirm?next=${encodeURIComponent("/reset-password")}`;
  const result = await requestPasswordReset(await createClient(), form.data.email, redirectTo);
  if (!result.ok) return { status: "error", message: AUTH_MESSAGES[result.failure ?? "unavailable"], values };
  return { status: "success", message: `If ${form.data.email} has an account, a link to choose a new password is on its way.`, values };
}

export async function setNewPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const form = newPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!form.success) return { status: "error", fieldErrors: fieldErrorsOf(form.error) };
  const result = await updatePassword(await createClient(), form.data.password);
  if (!result.ok) {
    const failure = result.failure ?? "unavailable";
    // Without a session (the link's has gone) GoTrue answers 401: the link must be asked for again.
    return { status: "error", message: failure === "invalid_credentials" ? AUTH_MESSAGES.link_expired : AUTH_MESSAGES[failure] };
  }
  redirect(`${PAGES.dashboard}?password=changed`);
}
