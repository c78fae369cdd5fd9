// Stands in for next/headers when tests call server actions directly: cookies() reads and writes
// the jar of the call in progress (withCookies), and headers() reads its headers, as Next's
// request store would.
import { AsyncLocalStorage } from "node:async_hooks";

export interface Jar {
  cookies: Map<string, string>;
  headers: Headers;
}

const current = new AsyncLocalStorage<Jar>();

/** Runs `work` as a request carrying these cookies (and these headers, e.g. X-Forwarded-For). */
export function withCookies<T>(cookies: Array<{ name: string; value: string }>, work: () => Promise<T>, headers: Record<string, string> = {}): Promise<T> {
  return current.run({ cookies: new Map(cookies.map(({ name, value }) => [name, value])), headers: new Headers(headers) }, work);
}

export async function headers(): Promise<Headers> {
  const jar = current.getStore();
  if (!jar) throw new Error("headers() called outside withCookies()");
  return jar.headers;
}

export async function cookies() {
  const jar = current.getStore();
  if (!jar) throw new Error("cookies() called outside withCookies()");
  return {
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.cookies.set(name, value),
  };
}
