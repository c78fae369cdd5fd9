// The placeholder home page in Chromium: it reaches every service, and proxy.ts keeps a signed-in
// user's session alive by refreshing an expired access token from the cookies.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser";
import { appUrl, sessionFromCookies, signInCookies, storageKey, withAccessTokenClaims, type Cookie } from "../helpers/session";

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

/** The same session with an access token that expired a minute ago. */
const withExpiredAccessToken = (cookies: Cookie[]) =>
  withAccessTokenClaims(cookies, (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }));

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
    const cookies = await signInCookies("manager@deskops.local", "deskops-local");
    const context = await contextWith(cookies);
    const page = await context.newPage();
    await page.goto(next.url);
    expect(await page.getByTestId("session").innerText()).toBe("Signed in as manager@deskops.local.");
    await page.screenshot({ path: path.join(SCREENSHOTS, "home-signed-in.png"), fullPage: true });
    await context.close();
  });

  it("refreshes an expired access token in proxy.ts and sets the new session cookie", async () => {
    const signedIn = await signInCookies("operator@deskops.local", "deskops-local");
    const expired = await withExpiredAccessToken(signedIn);
    const context = await contextWith(expired);
    const page = await context.newPage();
    await page.goto(next.url);
    expect(await page.getByTestId("session").innerText()).toBe("Signed in as operator@deskops.local.");
    const after = (await context.cookies()).filter((cookie) => cookie.name.startsWith(storageKey()));
    const session = await sessionFromCookies(after);
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
    await context.close();
  });
});
