// The pieces every auth form shares: its message above the fields, and a submit button that
// shows the form is being sent.
import { CircleAlert, Loader2, MailCheck } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function FormMessage({ message, success = false, testId = "form-message" }: { message?: string; success?: boolean; testId?: string }) {
  if (!message) return null;
  return (
    <Alert variant={success ? "success" : "destructive"} data-testid={testId}>
      {success ? <MailCheck aria-hidden /> : <CircleAlert aria-hidden />}
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

export function SubmitButton({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  return (
    <Button type="submit" disabled={pending} className="w-full">
      {pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
      {children}
    </Button>
  );
}
