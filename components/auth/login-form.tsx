"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signIn } from "@/app/actions/sign-in";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FormField } from "@/components/form-field";
import { IDLE } from "@/lib/forms";

export function LoginForm({ next, email }: { next?: string; email?: string }) {
  const [state, action, pending] = useActionState(signIn, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-5" noValidate>
      <FormMessage message={state.message} testId="form-error" />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        placeholder="name@company.com"
        defaultValue={state.values?.email ?? email}
        error={errors.email}
        autoFocus
        required
      />
      <FormField
        // A failed attempt empties the password (it is never sent back); the key makes React do so.
        key={state.status === "error" ? `retry-${state.values?.email ?? ""}-${state.message ?? ""}` : "first"}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password}
        required
        aside={
          <Link href="/forgot-password" className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
            Forgot password?
          </Link>
        }
      />
      <SubmitButton pending={pending}>{pending ? "Signing in…" : "Sign in"}</SubmitButton>
    </form>
  );
}
