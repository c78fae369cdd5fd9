// Stands in for next/headers when tests call server actions directly: cookies() reads and writes
// the jar of the call in progress (withCookies), as Next's request store would.
import { AsyncLocalStorage } from "node:async_hooks";

export interface Jar {
  cookies: Map<string, string>;
}

const current = new AsyncLocalStorage<Jar>();

export function withCookies<T>(cookies: Array<{ name: string; value: string }>, work: () => Promise<T>): Promise<T> {
  return current.run({ cookies: new Map(cookies.map(({ name, value }) => [name, value])) }, work);
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
