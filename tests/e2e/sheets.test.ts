// The Sheets sync page in Chromium: a manager sees the outbox's state, a dead event shows within
// the page's refresh and goes back to the queue with "Replay dead events", and "Reconcile now"
// compares the sheet (the real Code.gs in the test stack's fake web app) with DeskOps. Viewers
// do not get the page. Both themes pass axe.
import { describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, seriousViolations, shownNumber, signedInContext, visit } from "../helpers/app-browser";
import { sql } from "../helpers/db";
import { crewSite, dispatchRow, insertRows } from "../helpers/factories";
import { TEST_PASSWORD } from "../helpers/supabase";

const browser = browserForThisFile();

describe("e2e: sheets sync", () => {
  it("shows the sync live, replays a dead event and reconciles from the page", async () => {
    const crew = await crewSite();
    const [dispatch] = await insertRows<{ id: string }>("dispatches", [dispatchRow(crew.site.id, { lh_trip: "E2E-DEAD" })]);
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    await visit(page, "/sheets", "sheets");
    await page.getByTestId("sheets-delivered").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await sql("update public.sheets_outbox set delivered_at = null, dead_at = now(), attempts = 12, last_error = 'e2e: the sheet was gone' where row_id = $1", [dispatch!.id]);
    await expect.poll(async () => shownNumber(await page.getByTestId("sheets-dead").innerText()), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, "sheets-dead-event");
    await page.getByRole("button", { name: "Replay dead events" }).click();
    await expect.poll(() => page.getByText(/event\(s\) queued again/).isVisible()).toBe(true);
    await expect.poll(async () => (await sql("select 1 from public.sheets_outbox where row_id = $1 and delivered_at is null", [dispatch!.id])).length, { timeout: 30_000 }).toBe(0);

    await page.getByRole("button", { name: "Reconcile now" }).click();
    await expect.poll(() => page.getByText("The sheet was compared with DeskOps").isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText(/sheet rows read/).isVisible()).toBe(true);
    await screenshot(page, "sheets-reconciled");
    await context.close();
  });

  it("looks right in the dark, and is not there for viewers", async () => {
    const crew = await crewSite();
    const dark = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD, { theme: "dark" });
    const page = await dark.newPage();
    await visit(page, "/sheets", "sheets-dark");
    await page.getByTestId("sheets-delivered").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dark.close();

    const viewer = await signedInContext(browser(), crew.viewer.email, TEST_PASSWORD);
    const viewerPage = await viewer.newPage();
    const response = await viewerPage.goto("/sheets");
    expect(response?.status()).toBe(404);
    await viewer.close();
  });
});
