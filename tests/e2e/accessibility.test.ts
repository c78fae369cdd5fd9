// axe on every page, signed in and out, in the light and the dark theme: no serious or critical
// violation. A dispatch's side panel and the command palette are checked open.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserForThisFile, cspViolations, newContext, screenshot, seriousViolations, signedInContext, waitUntilLive } from "../helpers/app-browser";
import { SEEDED_PASSWORD } from "../helpers/factories";
import { serviceClient } from "../helpers/supabase";

const browser = browserForThisFile();

/** axe in light, then in dark (next-themes follows the system theme without a reload). */
async function checkBothThemes(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
    await screenshot(page, `a11y-${name}-${theme}`);
    found.push(...(await seriousViolations(page)).map((violation) => `${name} (${theme}): ${violation}`));
  }
  return found;
}

const SIGNED_OUT = [
  ["login", "/login", "Sign in to DeskOps"],
  ["forgot-password", "/forgot-password", "Forgot your password?"],
  ["reset-password-expired", "/reset-password", "This link has expired"],
  ["not-found", "/auth/no-such-page", "This page does not exist"],
] as const;

const SIGNED_IN = [
  ["dashboard-all-sites", "/dashboard"],
  ["dashboard-site", "/dashboard?site=QC-CDW"],
  ["dispatch", "/dispatch?site=QC-CDW"],
  ["production", "/production?site=QC-CDW"],
  ["received", "/received?site=QC-CDW"],
  ["equipment", "/equipment?site=QC-CDW"],
  ["manpower", "/manpower?site=QC-CDW"],
  ["inventory", "/inventory?site=QC-CDW"],
  ["inventory-all-sites", "/inventory"],
  ["exports", "/exports"],
  ["sheets", "/sheets"],
  ["sites", "/sites"],
  ["status", "/status"],
] as const;

describe("e2e: accessibility", () => {
  it("finds no serious or critical violation on the signed-out pages", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const found: string[] = [];
    for (const [name, path, heading] of SIGNED_OUT) {
      await page.goto(path);
      await page.getByRole("heading", { name: heading }).waitFor();
      found.push(...(await checkBothThemes(page, name)));
    }
    expect(found).toEqual([]);
    await context.close();
  }, 120_000);

  // One test per page: each has its own time, so a slow first compile of one page fails nothing.
  it.each(SIGNED_IN)("finds no serious or critical violation on %s (signed in)", async (name, path) => {
    const context = await signedInContext(browser(), "admin@deskops.local", SEEDED_PASSWORD);
    const page = await context.newPage();
    await page.goto(path);
    await waitUntilLive(page);
    await page.waitForLoadState("networkidle");
    const found = await checkBothThemes(page, name);
    expect(found).toEqual([]);
    // The strict Content-Security-Policy (proxy.ts) refuses nothing the app itself runs.
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it("finds no serious or critical violation with a dispatch's panel, the command palette and the site switcher open", async () => {
    const context = await signedInContext(browser(), "admin@deskops.local", SEEDED_PASSWORD);
    const page = await context.newPage();
    const found: string[] = [];
    const { data } = await serviceClient().from("dispatches").select("id, sites!inner(code)").eq("sites.code", "QC-CDW").eq("status", "pending").limit(1).single();
    await page.goto(`/dispatch?site=QC-CDW&row=${(data as { id: string }).id}`);
    await page.getByTestId("dispatch-details").waitFor();
    found.push(...(await checkBothThemes(page, "dispatch-panel")));

    await page.goto("/dashboard?site=QC-CDW");
    await waitUntilLive(page);
    await page.keyboard.press("Control+k");
    await page.getByRole("dialog").waitFor();
    found.push(...(await checkBothThemes(page, "command-palette")));
    await page.keyboard.press("Escape");

    await page.getByTestId("site-switcher").click();
    await page.getByRole("listbox").waitFor();
    found.push(...(await checkBothThemes(page, "site-switcher")));

    expect(found).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
