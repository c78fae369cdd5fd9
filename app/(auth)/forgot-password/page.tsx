import type { Metadata } from "next";
import Link from "next/link";
import { PasswordResetRequestForm } from "@/components/auth/password-reset-request-form";
import { AUTH_MESSAGES } from "@/lib/actions/auth";
import { publicEnv, usesLocalStack } from "@/lib/env";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
        <p className="text-sm text-muted-foreground">Enter your email and we will send you a link to choose a new one.</p>
      </div>
      <PasswordResetRequestForm initialError={error ? AUTH_MESSAGES.link_expired : undefined} />
      {usesLocalStack() ? (
        <p className="text-xs text-muted-foreground">
          Local stack: the mail arrives in the{" "}
          <a href={`${publicEnv().supabaseUrl}/inbox`} className="underline underline-offset-4" target="_blank" rel="noreferrer">
            local inbox
          </a>
          .
        </p>
      ) : null}
      <Link href="/login" className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
