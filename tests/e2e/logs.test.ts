// A site log's list in Chromium: edit and delete in place as each role may, and rows others save
// arriving without a reload.
import { beforeAll, describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, signedInContext, visit } from "../helpers/app-browser";
import { catalogueId, crewSite, insertRows, type Crew } from "../helpers/factories";
import { TEST_PASSWORD, serviceClient } from "../helpers/supabase";

const browser = browserForThisFile();
let crew: Crew;
let sand: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  crew = await crewSite();
  sand = await catalogueId("materials", "RA-0-5");
  await insertRows("production", [
    { site_id: crew.site.id, date: today, material_id: sand, operation: "screening", qty_ton: 10, notes: "operator's", created_by: crew.operator.id },
    { site_id: crew.site.id, date: today, material_id: sand, operation: "crushing", qty_ton: 20, notes: "manager's", created_by: crew.manager.id },
  ]);
}, 120_000);

const tonnesOf = async (notes: string) => (await serviceClient().from("production").select("qty_ton").eq("site_id", crew.site.id).eq("notes", notes).maybeSingle()).data?.qty_ton ?? null;

describe("e2e: site log lists", () => {
  it("lets an operator edit their own row and nothing else", async () => {
    const context = await signedInContext(browser(), crew.operator.email, TEST_PASSWORD, { width: 1440 });
    const page = await context.newPage();
    await visit(page, `/production?site=${crew.site.code}`, "production-operator");
    const table = page.getByRole("table", { name: "Production" });
    await expect.poll(() => table.getByRole("button", { name: /^Edit/ }).count()).toBe(1);
    expect(await table.getByRole("button", { name: /^Delete/ }).count()).toBe(0);

    await table.getByRole("button", { name: /^Edit/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Tonnes").fill("lots");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => dialog.getByText('"lots" is not a number').isVisible().catch(() => false)).toBe(true);
    await dialog.getByLabel("Tonnes").fill("1,012.5");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => tonnesOf("operator's")).toBe(1012.5);
    await expect.poll(() => table.getByText("1,012.5 t").isVisible().catch(() => false)).toBe(true);
    await context.close();
  }, 60_000);

  it("lets a manager delete a row, and shows a row someone else saves without a reload", async () => {
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD, { width: 1440 });
    const page = await context.newPage();
    await visit(page, `/production?site=${crew.site.code}`, "production-manager");
    const table = page.getByRole("table", { name: "Production" });
    await expect.poll(() => table.getByRole("button", { name: /^Delete/ }).count()).toBe(2);

    await table.locator("tr", { hasText: "manager's" }).getByRole("button", { name: /^Delete/ }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => tonnesOf("manager's")).toBeNull();
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);

    await insertRows("production", [{ site_id: crew.site.id, date: today, material_id: sand, operation: "washing", qty_ton: 7, notes: "from elsewhere", created_by: crew.operator.id }]);
    await expect.poll(() => table.getByText("from elsewhere").isVisible().catch(() => false), { timeout: 15_000 }).toBe(true);
    await screenshot(page, "production-live");

    // The filters: yesterday's rows only (none), then today's again.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("To", { exact: true }).fill(yesterday);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((url) => url.searchParams.get("to") === yesterday);
    await expect.poll(() => page.getByText("No production matches these filters").isVisible().catch(() => false)).toBe(true);
    await page.getByRole("link", { name: "Show every row" }).click();
    await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
    await context.close();
  }, 60_000);
});
