"use client";

// Text a person is typing, kept in this tab's sessionStorage until it is saved, so a reload or a
// trip through /login (an expired session) gives it back. Read through useSyncExternalStore: the
// server renders the saved value, the browser then shows the draft without a hydration mismatch.
import { useCallback, useState, useSyncExternalStore } from "react";

const PREFIX = "deskops:draft:";

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(PREFIX + key);
  } catch {
    return null; // storage off (private mode, policy): the draft lives in memory only
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(PREFIX + key);
    else window.sessionStorage.setItem(PREFIX + key, value);
  } catch {
    // see read()
  }
}

const noSubscription = () => () => {};

/** [value, change, forget]: `forget` after a successful save. */
export function useDraft(key: string, saved: string): [string, (value: string) => void, () => void] {
  const stored = useSyncExternalStore(noSubscription, () => read(key), () => null);
  const [typed, setTyped] = useState<string | null>(null);
  const change = useCallback(
    (value: string) => {
      setTyped(value);
      write(key, value);
    },
    [key],
  );
  const forget = useCallback(() => {
    write(key, null);
    setTyped(null);
  }, [key]);
  return [typed ?? stored ?? saved, change, forget];
}
