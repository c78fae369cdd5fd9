"use client";

import { useEffect } from "react";
import { useSessionExpiry } from "@/hooks/use-session-expiry";
import { createClient } from "@/lib/supabase/client";

/**
 * Sends the user to /login (and back afterwards) when the browser's session ends under an open
 * page: supabase-js reports SIGNED_OUT when it cannot refresh an expired token.
 */
export function SessionWatcher() {
  const sessionExpired = useSessionExpiry();
  useEffect(() => {
    const { data } = createClient().auth.onAuthStateChange((event) => {
      if (event === "SIGNED_OUT") sessionExpired();
    });
    return () => data.subscription.unsubscribe();
  }, [sessionExpired]);
  return null;
}
