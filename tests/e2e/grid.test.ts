// The bulk-entry grid in Chromium, as a dispatch operator uses it: a day's sheet pasted with
// Ctrl+V from the clipboard, errors fixed in place, saved once however often Save is pressed,
// kept across a reload; a viewer gets no grid; the keyboard alone does a paste-fix-save.
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, seriousViolations, signedInContext, visit } from "../helpers/app-browser";
import { crewSite, dispatchRow, insertRows, type Crew } from "../helpers/factories";
import { appUrl } from "../helpers/session";
import { TEST_PASSWORD, serviceClient } from "../helpers/supabase";

const browser = browserForThisFile();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/paste/${name}`, import.meta.url), "utf8");

async function operatorPage(crew: Crew, email = crew.operator.email): Promise<{ context: BrowserContext; page: Page }> {
  const context = await signedInContext(browser(), email, TEST_PASSWORD, { width: 1440 });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: appUrl() });
  const page = await context.newPage();
  return { context, page };
}

/** Puts text on the clipboard and pastes it into the grid with Ctrl+V, as a person does. */
async function pasteIntoGrid(page: Page, text: string, grid = "Dispatch rows"): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.getByRole("grid", { name: grid }).focus();
  await page.keyboard.press("ControlOrMeta+V");
}

const summary = async (page: Page) => {
  const element = page.getByTestId("grid-summary");
  return { ready: await element.getAttribute("data-ready"), toFix: await element.getAttribute("data-to-fix"), duplicates: await element.getAttribute("data-duplicates") };
};

async function savedTrips(siteId: string, prefix: string): Promise<string[]> {
  const { data } = await serviceClient().from("dispatches").select("lh_trip").eq("site_id", siteId).like("lh_trip", `${prefix}%`).order("lh_trip");
  return (data ?? []).map((row) => row.lh_trip ?? "");
}

describe("e2e: the bulk-entry grid", () => {
  let crew: Crew;
  beforeAll(async () => {
    crew = await crewSite();
  }, 120_000);

  it("takes 50 pasted rows, shows the two errors and the duplicate, saves 49 after one fix, and lists them", async () => {
    const { context, page } = await operatorPage(crew);
    await visit(page, `/dispatch/new?site=${crew.site.code}`, "grid-empty");
    await pasteIntoGrid(page, fixture("dispatch-50.txt"));
    await expect.poll(() => summary(page)).toEqual({ ready: "48", toFix: "2", duplicates: "1" });

    const invalid = page.locator('[role="gridcell"][aria-invalid="true"]');
    await expect.poll(() => invalid.count()).toBe(1); // row 40 is below the fold: only row 20 is rendered
    const reasonId = await invalid.first().getAttribute("aria-describedby");
    expect(await page.locator(`[id="${reasonId}"]`).innerText()).toBe("Fill this in");
    // Row 30 repeats row 10's trip: scrolled to, it says so.
    await page.getByTestId("grid-scroller").evaluate((element, top) => element.scrollTo({ top }), 25 * 34);
    await expect.poll(() => page.locator('[role="row"][aria-rowindex="31"] [data-testid="duplicate-warning"]').count()).toBe(1);
    // The active cell (row 1) is out of the rendered rows now: the grid names no active descendant
    // rather than an id that is not in the page; back at the top, it names the cell again.
    const grid = page.getByTestId("grid");
    await expect.poll(() => grid.getAttribute("aria-activedescendant")).toBeNull();
    await page.getByTestId("grid-scroller").evaluate((element) => element.scrollTo({ top: 0 }));
    await expect.poll(async () => page.locator(`[id="${await grid.getAttribute("aria-activedescendant")}"]`).count()).toBe(1);
    await screenshot(page, "grid-pasted-50");

    await page.getByRole("button", { name: "Go to the next error" }).click();
    await page.keyboard.type("Station 9");
    await page.keyboard.press("Enter");
    await expect.poll(() => summary(page)).toEqual({ ready: "49", toFix: "1", duplicates: "1" });
    await page.getByRole("button", { name: /^Save 49 rows/ }).click();
    await expect.poll(() => page.getByTestId("save-result").isVisible().catch(() => false), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId("save-result").innerText()).toContain("Saved 49 dispatches");

    const trips = await savedTrips(crew.site.id, "LH-G-");
    expect(trips).toHaveLength(49);
    expect(trips).not.toContain("LH-G-040");
    expect(trips.filter((trip) => trip === "LH-G-010")).toHaveLength(2); // the duplicate was the person's call
    const { data: fixed } = await serviceClient().from("dispatches").select("station, qty_ton, remarks, dispatch_date").eq("site_id", crew.site.id).in("lh_trip", ["LH-G-020", "LH-G-014", "LH-G-018"]).order("lh_trip");
    expect(fixed).toEqual([
      { station: "Station 3", qty_ton: 1234.5, remarks: null, dispatch_date: "2026-11-21" },
      { station: "Station 3", qty_ton: null, remarks: "Two lines\nof remarks", dispatch_date: "2026-11-21" },
      { station: "Station 9", qty_ton: null, remarks: 'Seal "B-020"', dispatch_date: "2026-11-21" },
    ]);
    expect(await summary(page)).toEqual({ ready: "0", toFix: "1", duplicates: "0" });
    await screenshot(page, "grid-saved");

    await page.getByRole("link", { name: "See them in the list" }).click();
    await page.waitForURL((url) => url.pathname === "/dispatch");
    await expect.poll(() => page.getByTestId("dispatch-count").getAttribute("data-count")).toBe("49");
    await context.close();
  }, 120_000);

  it("saves a batch once when Save is pressed again after a timeout", async () => {
    const site = await crewSite();
    const { context, page } = await operatorPage(site);
    await visit(page, `/dispatch/new?site=${site.site.code}`, "grid-timeout-start");
    await pasteIntoGrid(page, fixture("excel-windows.txt"));
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "0" });

    // The first save reaches the server and is saved, but its answer never comes back.
    let lost = 0;
    await page.route(`**/dispatch/new**`, async (route) => {
      const isSave = route.request().method() === "POST" && (route.request().postData() ?? "").includes('"key":"grid-');
      if (!isSave || lost > 0) return route.fallback();
      lost += 1;
      await route.fetch();
      await route.abort("timedout");
    });
    await page.getByTestId("grid-save").click();
    await expect.poll(() => page.getByTestId("save-error").isVisible().catch(() => false)).toBe(true);
    expect(await savedTrips(site.site.id, "LH-X-")).toEqual(["LH-X-001", "LH-X-002", "LH-X-003"]);
    expect((await summary(page)).ready).toBe("3");

    await page.getByTestId("grid-save").click();
    await expect.poll(() => page.getByTestId("save-result").isVisible().catch(() => false)).toBe(true);
    expect(await page.getByTestId("save-result").innerText()).toContain("Saved 3 dispatches");
    expect(await savedTrips(site.site.id, "LH-X-")).toEqual(["LH-X-001", "LH-X-002", "LH-X-003"]);
    await context.close();
  }, 90_000);

  it("gives the draft back after a reload, edits included", async () => {
    const site = await crewSite();
    const { context, page } = await operatorPage(site);
    await visit(page, `/dispatch/new?site=${site.site.code}`, "grid-draft-start");
    await pasteIntoGrid(page, fixture("no-header.txt"));
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "0" });
    // Row 2's plate number: the 8th column.
    await page.locator('[role="row"][aria-rowindex="3"] [role="gridcell"][aria-colindex="9"]').dblclick();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("NEW 0002");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(800); // the draft is written a moment after the last change

    await page.reload();
    await expect.poll(() => page.getByTestId("draft-restored").innerText().catch(() => "")).toBe("Draft restored: 3 rows");
    expect(await summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "0" });
    expect(await page.locator('[role="row"][aria-rowindex="3"] [role="gridcell"][aria-colindex="9"]').innerText()).toBe("NEW 0002");
    await screenshot(page, "grid-draft-restored");
    await context.close();
  }, 90_000);

  it("warns about a row already saved for that day, and copies a range out as TSV", async () => {
    const site = await crewSite();
    await insertRows("dispatches", [dispatchRow(site.site.id, { lh_trip: "LH-X-002", plate_number: "xyz9876", dispatch_date: "2026-11-21", created_by: site.operator.id })]);
    const { context, page } = await operatorPage(site);
    await visit(page, `/dispatch/new?site=${site.site.code}`, "grid-saved-duplicate");
    await pasteIntoGrid(page, fixture("google-sheets.txt"));
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "1" });
    expect(await page.getByTestId("duplicate-warning").innerText()).toContain("already saved");

    // Rows 1–2, columns LH trip to plate number, copied out.
    await page.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="8"]').click();
    await page.locator('[role="row"][aria-rowindex="3"] [role="gridcell"][aria-colindex="9"]').click({ modifiers: ["Shift"] });
    await page.keyboard.press("ControlOrMeta+C");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("LH-X-001\tABC 1234\r\nLH-X-002\tXYZ 9876");
    await context.close();
  }, 90_000);

  it("does a paste, a fix and a save from the keyboard alone", async () => {
    const site = await crewSite();
    const { context, page } = await operatorPage(site);
    await visit(page, `/dispatch/new?site=${site.site.code}`, "grid-keyboard-start");
    const broken = fixture("no-header.txt").replace("Taguig Hub", "");
    await page.evaluate((value) => navigator.clipboard.writeText(value), broken);
    for (let presses = 0; presses < 40 && (await page.evaluate(() => document.activeElement?.getAttribute("role"))) !== "grid"; presses += 1) await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+V");
    await expect.poll(() => summary(page)).toEqual({ ready: "2", toFix: "1", duplicates: "0" });
    // Row 2, station: down one row and three columns right of the pasted block's top left.
    await page.keyboard.press("ArrowDown");
    for (let step = 0; step < 3; step += 1) await page.keyboard.press("ArrowRight");
    await page.keyboard.type("Taguig Hub");
    await page.keyboard.press("Enter");
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "0" });
    // Esc leaves a cell as it was; undo and redo step through the fix.
    const station = page.locator('[role="row"][aria-rowindex="3"] [role="gridcell"][aria-colindex="5"]');
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("F2");
    await page.keyboard.type(" (typo)");
    await page.keyboard.press("Escape");
    expect(await station.innerText()).toBe("Taguig Hub");
    await page.keyboard.press("ControlOrMeta+Z");
    await expect.poll(() => summary(page)).toEqual({ ready: "2", toFix: "1", duplicates: "0" });
    await page.keyboard.press("ControlOrMeta+Shift+Z");
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "0" });
    for (let presses = 0; presses < 40 && !(await page.evaluate(() => document.activeElement?.textContent ?? "")).startsWith("Save"); presses += 1) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("save-result").isVisible().catch(() => false)).toBe(true);
    expect(await savedTrips(site.site.id, "LH-X-")).toEqual(["LH-X-001", "LH-X-002", "LH-X-003"]);
    await context.close();
  }, 90_000);

  it("imports a picked CSV file, and remembers how the user mapped an unknown header", async () => {
    const site = await crewSite();
    const { context, page } = await operatorPage(site);
    await visit(page, `/dispatch/new?site=${site.site.code}`, "grid-file-start");
    await page.getByTestId("grid-file").setInputFiles({ name: "dispatches.csv", mimeType: "text/csv", buffer: Buffer.from(fixture("export-with-bom.csv")) });
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "0", duplicates: "0" });

    // "Truck" names no column: the mapping opens on it; the user sends it to the plate number.
    const renamed = fixture("google-sheets.txt").replace("Plate No.", "Truck").replace(/LH-X-00(\d)/g, "LH-Y-00$1");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await pasteIntoGrid(page, renamed);
    const mapping = page.getByTestId("mapping-bar");
    await expect.poll(() => mapping.innerText()).toContain("left out: Truck");
    await mapping.getByRole("combobox", { name: 'Grid column for "Truck"' }).click();
    await page.getByRole("option", { name: "Plate number" }).click();
    await expect.poll(() => page.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="9"]').innerText()).toBe("ABC 1234");

    // The next paste with that header maps it the same way at once.
    await page.getByRole("grid", { name: "Dispatch rows" }).focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await pasteIntoGrid(page, renamed);
    await expect.poll(() => page.locator('[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="9"]').innerText()).toBe("ABC 1234");
    expect(await mapping.innerText()).not.toContain("left out");
    await context.close();
  }, 90_000);

  it("logs production pasted with materials written as names and codes, whatever their case", async () => {
    const site = await crewSite();
    const { context, page } = await operatorPage(site);
    await visit(page, `/production?site=${site.site.code}`, "production-grid-start");
    await pasteIntoGrid(page, fixture("production-sheets.txt"), "Production rows");
    await expect.poll(() => summary(page)).toEqual({ ready: "3", toFix: "1", duplicates: "0" });
    const invalid = page.locator('[role="gridcell"][aria-invalid="true"]');
    expect(await page.locator(`[id="${await invalid.getAttribute("aria-describedby")}"]`).innerText()).toBe('No material is called "Gravel"');

    await page.getByRole("button", { name: "Go to the next error" }).click();
    await page.keyboard.type("scrap-steel");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: /^Save 4 rows/ }).click();
    await expect.poll(() => page.getByTestId("save-result").isVisible().catch(() => false)).toBe(true);

    const admin = serviceClient();
    const { data: materials } = await admin.from("materials").select("id, code");
    const codeOf = new Map((materials ?? []).map((material) => [material.id, material.code]));
    const { data: rows } = await admin.from("production").select("date, material_id, operation, qty_ton, shift, notes").eq("site_id", site.site.id).order("qty_ton");
    expect((rows ?? []).map((row) => ({ ...row, material_id: codeOf.get(row.material_id) }))).toEqual([
      { date: "2026-11-21", material_id: "WOOD-CHIP", operation: "sorting", qty_ton: 12.25, shift: "night", notes: 'Sorted by hand, "B" line' },
      { date: "2026-11-21", material_id: "SCRAP-STEEL", operation: "crushing", qty_ton: 40, shift: "morning", notes: null },
      { date: "2026-11-21", material_id: "RA-0-5", operation: "screening", qty_ton: 310, shift: "evening", notes: null },
      { date: "2026-11-21", material_id: "RA-5-20", operation: "crushing", qty_ton: 1250.5, shift: "morning", notes: "Primary line" },
    ]);
    // The list under the grid shows them without a reload.
    await expect.poll(() => page.getByRole("table", { name: "Production" }).locator("tbody tr").count()).toBe(4);
    await screenshot(page, "production-grid-saved");
    await context.close();
  }, 90_000);

  it("offers a viewer no grid, and has no serious accessibility violation with errors showing", async () => {
    const viewer = await signedInContext(browser(), crew.viewer.email, TEST_PASSWORD);
    const viewerPage = await viewer.newPage();
    await visit(viewerPage, `/dispatch/new?site=${crew.site.code}`, "grid-viewer");
    expect(await viewerPage.getByRole("grid").count()).toBe(0);
    expect(await viewerPage.getByText("You can read this site's dispatches, not add them").isVisible()).toBe(true);
    await visit(viewerPage, `/dispatch?site=${crew.site.code}`, "dispatch-viewer");
    expect(await viewerPage.getByRole("link", { name: "New dispatches" }).count()).toBe(0);
    await viewer.close();

    for (const theme of ["light", "dark"] as const) {
      const context = await signedInContext(browser(), crew.operator.email, TEST_PASSWORD, { theme });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: appUrl() });
      const page = await context.newPage();
      await visit(page, `/dispatch/new?site=${crew.site.code}`, `grid-axe-${theme}`);
      await pasteIntoGrid(page, fixture("dispatch-50.txt").replace("Station 1", ""));
      await expect.poll(() => summary(page).then((counts) => Number(counts.toFix))).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
