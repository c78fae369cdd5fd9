// The placeholder home page in Chromium: it reaches every service, and proxy.ts keeps a signed-in
// user's session alive by refreshing an expired access token from the cookies.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { combineChunks, createChunks, stringFromBase64URL, stringToBase64URL } from "@supabase/ssr";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signJwt } from "@/local/jwt";
import { launchBrowser } from "../helpers/browser";
import { appUrl, signInCookies as sessionCookies, storageKey, type Cookie } from "../helpers/session";
import { stack } from "../helpers/supabase";

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results");
let browser: Browser;
const next = { get url() { return appUrl(); } };

beforeAll(async () => {
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function signInCookies(email: string, password: string): Promise<{ cookies: Cookie[]; storageKey: string }> {
  return { cookies: await sessionCookies(email, password), storageKey: storageKey() };
}

const BASE64_PREFIX = "base64-";

/** Rewrites the session in the cookies with an access token that expired a minute ago. */
async function withExpiredAccessToken(cookies: Cookie[], storageKey: string): Promise<Cookie[]> {
  const raw = await combineChunks(storageKey, (name) => cookies.find((cookie) => cookie.name === name)?.value);
  const session = JSON.parse(stringFromBase64URL(raw!.slice(BASE64_PREFIX.length))) as Record<string, unknown> & {
    access_token: string;
  };
  const claims = JSON.parse(Buffer.from(session.access_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
  const expiredAt = Math.floor(Date.now() / 1000) - 60;
  const expired = { ...session, access_token: signJwt({ ...claims, exp: expiredAt }, stack().jwtSecret), expires_at: expiredAt };
  return createChunks(storageKey, BASE64_PREFIX + stringToBase64URL(JSON.stringify(expired)));
}

async function contextWith(cookies: Cookie[]): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies(cookies.map(({ name, value }) => ({ name, value, url: next.url })));
  return context;
}

describe("e2e: home page", () => {
  it("shows every Supabase service up, signed out", async () => {
    const page = await browser.newPage();
    await page.goto(next.url);
    await expect.poll(() => page.locator("[data-service]").count()).toBe(4);
    for (const service of ["auth", "rest", "storage", "functions"]) {
      expect(await page.locator(`[data-service="${service}"]`).innerText()).toContain("up");
    }
    expect(await page.getByTestId("session").innerText()).toBe("Not signed in.");
    await page.screenshot({ path: path.join(SCREENSHOTS, "home-signed-out.png"), fullPage: true });
    await page.close();
  });

  it("shows the signed-in user from the session cookies", async () => {
    const { cookies } = await signInCookies("manager@deskops.local", "deskops-local");
    const context = await contextWith(cookies);
    const page = await context.newPage();
    await page.goto(next.url);
    expect(await page.getByTestId("session").innerText()).toBe("Signed in as manager@deskops.local.");
    await page.screenshot({ path: path.join(SCREENSHOTS, "home-signed-in.png"), fullPage: true });
    await context.close();
  });

  it("refreshes an expired access token in proxy.ts and sets the new session cookie", async () => {
    const signedIn = await signInCookies("operator@deskops.local", "deskops-local");
    const expired = await withExpiredAccessToken(signedIn.cookies, signedIn.storageKey);
    const context = await contextWith(expired);
    const page = await context.newPage();
    await page.goto(next.url);
    expect(await page.getByTestId("session").innerText()).toBe("Signed in as operator@deskops.local.");
    const after = (await context.cookies()).filter((cookie) => cookie.name.startsWith(signedIn.storageKey));
    const refreshed = await combineChunks(signedIn.storageKey, (name) => after.find((cookie) => cookie.name === name)?.value);
    const session = JSON.parse(stringFromBase64URL(refreshed!.slice(BASE64_PREFIX.length))) as { expires_at: number };
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
    await context.close();
  });
});
