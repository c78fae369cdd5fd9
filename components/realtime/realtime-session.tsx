"use client";

import { useEffect } from "react";
import { readAccessToken } from "@/app/actions/read-access-token";
import { useSessionExpiry } from "@/hooks/use-session-expiry";
import type { AccessToken } from "@/lib/queries/auth";
import { realtimeClient, setAccessTokenSource } from "@/lib/supabase/client";

// A token this close to its expiry is renewed before it is used.
const RENEW_BEFORE_MS = 60_000;

/**
 * Keeps the Realtime connection's token current: the one the page was rendered with, then a fresh
 * one from the server (which refreshes the session in its cookies) a minute before it expires.
 * A session that cannot be renewed has ended: the user goes to /login and back.
 */
export function RealtimeSession({ initial }: { initial: AccessToken | null }) {
  const sessionExpired = useSessionExpiry();
  useEffect(() => {
    let current = initial;
    let renewing: Promise<string | null> | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const renew = async (): Promise<string | null> => {
      const result = await readAccessToken();
      if (result.success) {
        current = result.accessToken;
        return current.token;
      }
      if (result.code === "UNAUTHORIZED") sessionExpired();
      return null;
    };
    setAccessTokenSource(async () => {
      if (current && current.expiresAt * 1000 - Date.now() > RENEW_BEFORE_MS) return current.token;
      renewing ??= renew().finally(() => (renewing = null));
      return renewing;
    });
    const renewAhead = () => {
      const wait = current ? current.expiresAt * 1000 - Date.now() - RENEW_BEFORE_MS : 0;
      timer = setTimeout(async () => {
        await realtimeClient().setAuth(); // asks the source, which renews, and tells every channel
        renewAhead();
      }, Math.max(5_000, wait));
    };
    renewAhead();
    return () => clearTimeout(timer);
  }, [initial, sessionExpired]);
  return null;
}
