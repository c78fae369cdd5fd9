"use client";

import { useActionState } from "react";
import { CircleAlert, Loader2, MailCheck } from "lucide-react";
import { requestPasswordReset } from "@/app/actions/request-password-reset";
import { FormField } from "@/components/form-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/forms";

export function PasswordResetRequestForm({ initialError }: { initialError?: string }) {
  const [state, action, pending] = useActionState(requestPasswordReset, IDLE);
  const message = state.message ?? initialError;
  return (
    <form action={action} className="grid gap-5" noValidate>
      {message ? (
        <Alert variant={state.status === "success" ? "success" : "destructive"} data-testid="form-message">
          {state.status === "success" ? <MailCheck aria-hidden /> : <CircleAlert aria-hidden />}
          <AlertDescription>{message}</AlertDescription>
        </Alert>
      ) : null}
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
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
        Email me a link
      </Button>
    </form>
  );
}
