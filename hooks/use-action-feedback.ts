"use client";

// What every mutation does with a server action's answer: a toast on success, the reason in a
// toast on failure (with the request id of an unexpected error, for support), and a trip through
// /login when the session has ended.
import { useCallback } from "react";
import { toast } from "sonner";
import { useSessionExpiry } from "@/hooks/use-session-expiry";
import type { ActionResult } from "@/lib/actions/result";

const requestIdOf = (details: unknown) =>
  typeof details === "object" && details !== null && "requestId" in details && typeof details.requestId === "string" ? details.requestId : null;

export function useActionFeedback() {
  const sessionExpired = useSessionExpiry();
  return useCallback(
    <Data extends object>(result: ActionResult<Data>, success?: string): result is { success: true } & Data => {
      if (result.success) {
        if (success) toast.success(success);
        return true;
      }
      if (result.code === "UNAUTHORIZED") {
        sessionExpired();
        return false;
      }
      const requestId = requestIdOf(result.details);
      toast.error(result.message, requestId ? { description: `Reference: ${requestId}` } : undefined);
      return false;
    },
    [sessionExpired],
  );
}
