// The inventory page in Chromium: a material's ledger from its production, each figure leading to
// its rows, a manager's count (and its correction) changing the closing stock, an adjustment that
// must say why; a viewer reads it without a form.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, seriousViolations, signedInContext, visit } from "../helpers/app-browser";
import { catalogueId, crewSite, insertRows, type Crew } from "../helpers/factories";
import { TEST_PASSWORD } from "../helpers/supabase";

const browser = browserForThisFile();
const today = new Date().toISOString().slice(0, 10); // the crew's site is in UTC
let crew: Crew;
let woodChips: string;

beforeAll(async () => {
  crew = await crewSite();
  woodChips = await catalogueId("materials", "WOOD-CHIP");
  await insertRows("production", [
    { site_id: crew.site.id, date: today, material_id: woodChips, operation: "sorting", qty_ton: 60, created_by: crew.operator.id },
    { site_id: crew.site.id, date: today, material_id: woodChips, operation: "sorting", qty_ton: 40, created_by: crew.operator.id },
  ]);
}, 120_000);

const closingOf = (page: Page, materialId: string) => page.locator(`[data-testid="stock-summary"] tr[data-material="${materialId}"] td`).last().innerText();

async function record(page: Page, kind: "Physical count" | "Adjustment", tonnes: string, reason = "") {
  const form = page.getByTestId("inventory-form");
  await form.locator("#inventory-kind").click();
  await page.getByRole("option", { name: kind }).click();
  await form.getByLabel(kind === "Adjustment" ? "Tonnes to add (negative to remove)" : "Counted tonnes").fill(tonnes);
  if (reason) await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: /^Save/ }).click();
}

describe("e2e: inventory", () => {
  it("builds the ledger from the logs, links each figure to its rows, and takes a manager's count", async () => {
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD, { width: 1440 });
    const page = await context.newPage();
    await visit(page, `/inventory?site=${crew.site.code}`, "inventory-start");
    expect(await closingOf(page, woodChips)).toBe("100 t");

    await page.getByRole("link", { name: "100 t produced: see the rows" }).first().click();
    await page.waitForURL((url) => url.pathname === "/production" && url.searchParams.get("material") === woodChips);
    await expect.poll(() => page.getByRole("table", { name: "Production" }).locator("tbody tr").count()).toBe(2);
    expect(await page.getByTestId("log-filter-note").innerText()).toContain("Wood chips");
    await page.goBack();

    await record(page, "Physical count", "80");
    await expect.poll(() => closingOf(page, woodChips)).toBe("80 t");
    await record(page, "Physical count", "85.5");
    await expect.poll(() => closingOf(page, woodChips)).toBe("85.5 t");

    await record(page, "Adjustment", "-5");
    await expect.poll(() => page.getByTestId("inventory-form").getByText("Say why the stock is adjusted").isVisible().catch(() => false)).toBe(true);
    expect(await closingOf(page, woodChips)).toBe("85.5 t");
    // The failed save kept what the manager chose.
    expect(await page.locator("#inventory-kind").innerText()).toBe("Adjustment");
    await page.getByTestId("inventory-form").getByLabel("Reason").fill("Spilled in the yard");
    await page.getByTestId("inventory-form").getByRole("button", { name: /^Save/ }).click();
    // Recorded, and shown as the day's adjustment; the day's count still decides its closing.
    await expect.poll(() => page.locator(`[data-testid="stock-summary"] tr[data-material="${woodChips}"] td`).nth(5).innerText()).toBe("-5 t");
    expect(await closingOf(page, woodChips)).toBe("85.5 t");
    await screenshot(page, "inventory-counted");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it("shows a viewer the ledger and no form", async () => {
    const context = await signedInContext(browser(), crew.viewer.email, TEST_PASSWORD, { theme: "dark" });
    const page = await context.newPage();
    await visit(page, `/inventory?site=${crew.site.code}`, "inventory-viewer-dark");
    expect(await page.getByTestId("stock-summary").isVisible()).toBe(true);
    expect(await page.getByTestId("inventory-form").count()).toBe(0);
    await visit(page, `/production?site=${crew.site.code}`, "production-viewer");
    expect(await page.getByRole("grid").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
