"use client";

import { useActionState } from "react";
import { CircleAlert, Loader2 } from "lucide-react";
import { setNewPassword } from "@/app/actions/set-new-password";
import { FormField } from "@/components/form-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/forms";
import { MIN_PASSWORD_LENGTH } from "@/lib/constants";

export function NewPasswordForm() {
  const [state, action, pending] = useActionState(setNewPassword, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-5" noValidate>
      {state.message ? (
        <Alert variant="destructive" data-testid="form-message">
          <CircleAlert aria-hidden />
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      ) : null}
      <FormField name="password" label="New password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} error={errors.password} autoFocus required />
      <FormField name="confirm" label="Repeat it" type="password" autoComplete="new-password" error={errors.confirm} required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
        Save the new password
      </Button>
    </form>
  );
}
