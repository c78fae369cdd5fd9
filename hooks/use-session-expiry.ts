"use client";

// A session that ends while a page is open (signed out elsewhere, refresh token revoked, idle
// too long) sends the user to /login and back to the same URL. What they typed is kept by the
// forms themselves (useDraft), so nothing is lost on the way.
import { useCallback } from "react";

export function loginUrlAfterExpiry(returnTo: string): string {
  return `/login?reason=expired&next=${encodeURIComponent(returnTo)}`;
}

export function useSessionExpiry(): () => void {
  return useCallback(() => {
    window.location.assign(loginUrlAfterExpiry(window.location.pathname + window.location.search));
  }, []);
}
