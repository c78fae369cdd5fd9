"use client";

import { useActionState } from "react";
import { setNewPassword } from "@/app/actions/set-new-password";
import { FormMessage, SubmitButton } from "@/components/auth/form-parts";
import { FormField } from "@/components/form-field";
import { IDLE } from "@/lib/forms";
import { MIN_PASSWORD_LENGTH } from "@/lib/constants";

export function NewPasswordForm() {
  const [state, action, pending] = useActionState(setNewPassword, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-5" noValidate>
      <FormMessage message={state.message} />
      <FormField name="password" label="New password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} error={errors.password} autoFocus required />
      <FormField name="confirm" label="Repeat it" type="password" autoComplete="new-password" error={errors.confirm} required />
      <SubmitButton pending={pending}>Save the new password</SubmitButton>
    </form>
  );
}
