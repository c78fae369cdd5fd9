import type { Metadata } from "next";
import Link from "next/link";
import { NewPasswordForm } from "@/components/auth/new-password-form";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Choose a new password" };

/** Reached from a recovery email (through /auth/confirm, which signed the user in). */
export default async function ResetPasswordPage() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <div className="grid gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">This link has expired</h1>
        <p className="text-sm text-muted-foreground">Password links work once and for an hour. Ask for a new one.</p>
        <Button asChild>
          <Link href="/forgot-password">Email me a new link</Link>
        </Button>
      </div>
    );
  }
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
        <p className="text-sm text-muted-foreground">For {viewer.email}. You stay signed in afterwards.</p>
      </div>
      <NewPasswordForm />
    </div>
  );
}
