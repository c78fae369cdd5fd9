import type { Metadata } from "next";
import { Info } from "lucide-react";
import { LoginForm } from "@/components/auth/login-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { usesLocalStack } from "@/lib/env";
import { safeNextPath } from "@/lib/navigation";

export const metadata: Metadata = { title: "Sign in" };

const DEMO_USERS = ["admin", "manager", "operator", "viewer"].map((role) => `${role}@deskops.local`);

interface LoginPageProps {
  searchParams: Promise<{ next?: string; reason?: string; email?: string }>;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { next, reason, email } = await searchParams;
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to DeskOps</h1>
        <p className="text-sm text-muted-foreground">Use the email your site administrator invited.</p>
      </div>
      {reason === "expired" ? (
        <Alert data-testid="session-expired">
          <Info aria-hidden />
          <AlertDescription>Your session ended. Sign in again to carry on where you were: what you typed is kept.</AlertDescription>
        </Alert>
      ) : null}
      <LoginForm next={next ? safeNextPath(next) : undefined} email={email} />
      {usesLocalStack() ? (
        <p className="rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground">
          Local demo: sign in as {DEMO_USERS.map((user, index) => (
            <span key={user}>
              <code className="font-mono">{user}</code>
              {index < DEMO_USERS.length - 1 ? ", " : ""}
            </span>
          ))}{" "}
          with the password <code className="font-mono">deskops-local</code>.
        </p>
      ) : null}
    </div>
  );
}
