"use client";

import { useActionState } from "react";
import { requestPasswordReset } from "@/app/actions/request-password-reset";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FormField } from "@/components/form-field";
import { IDLE } from "@/lib/forms";

export function PasswordResetRequestForm({ initialError }: { initialError?: string }) {
  const [state, action, pending] = useActionState(requestPasswordReset, IDLE);
  const message = state.message ?? initialError;
  return (
    <form action={action} className="grid gap-5" noValidate>
      <FormMessage message={message} success={state.status === "success"} />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        placeholder="name@company.com"
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
        autoFocus
        required
      />
      <SubmitButton pending={pending}>Email me a link</SubmitButton>
    </form>
  );
}
