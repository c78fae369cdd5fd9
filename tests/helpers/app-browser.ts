// Driving the app in Chromium as its users: sign in through the form or with session cookies,
// visit pages once they are live (hydrated, realtime joined), and keep a screenshot of every page
// a test visits under test-results/ (ignored by git).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchBrowser } from "@/local/browser";
import { appUrl, signInCookies } from "./session";

export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results");

export type Theme = "light" | "dark";

export interface ContextOptions {
  theme?: Theme;
  width?: number;
  height?: number;
}

/** One Chromium for the calling test file: launched before its tests, closed after them. */
export function browserForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("Chromium is not up yet: use the browser inside a test.");
    return browser;
  };
}

export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: appUrl(),
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.theme ?? "light",
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(90_000); // next dev compiles a page on its first visit
  // Whatever the page's Content-Security-Policy refuses, kept for cspViolations() (Playwright's
  // init scripts are not subject to the page's policy).
  await context.addInitScript(() => {
    const found: string[] = [];
    Object.defineProperty(window, "__cspViolations", { value: found });
    document.addEventListener("securitypolicyviolation", (event) => found.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`));
  });
  return context;
}

/** What the page's Content-Security-Policy refused since it loaded: nothing, for DeskOps's own code. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]);
}

/** A context already signed in as `email` (its session cookies, as the app writes them). */
export async function signedInContext(browser: Browser, email: string, password: string, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await newContext(browser, options);
  const cookies = await signInCookies(email, password);
  await context.addCookies(cookies.map(({ name, value }) => ({ name, value, url: appUrl() })));
  return context;
}

/** Signs in through the login form, as a person does. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, "-")}.png`), fullPage: true, caret: "initial", animations: "disabled" });
}

/** The app's shell is hydrated and its live channels joined (the realtime indicator says Live). */
export async function waitUntilLive(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId("realtime-status").getAttribute("data-status"), { timeout: 30_000 }).toBe("connected");
}

/** Opens a page of the app, waits until it is live, and keeps a screenshot of it. */
export async function visit(page: Page, pathname: string, shotName: string): Promise<void> {
  await page.goto(pathname);
  await waitUntilLive(page);
  await screenshot(page, shotName);
}

/** axe's serious and critical findings on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** "1,234.5 t" → 1234.5: a figure as the page shows it, as a number. */
export const shownNumber = (text: string) => Number(text.replace(/[^0-9.\-−]/g, "").replace("−", "-"));
