// Each of the four seeded users in Chromium: the pages and sites they see, and on the dispatch
// list only the controls their role allows (a viewer finds no way to change anything).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, signedInContext, visit } from "../helpers/app-browser";
import { sql } from "../helpers/db";
import { dispatchRow, insertRows, SEEDED_PASSWORD } from "../helpers/factories";
import { callApp, signInCookies } from "../helpers/session";

const browser = browserForThisFile();

const EVERYONE = ["Dashboard", "Dispatch", "Production", "Received", "Equipment", "Manpower", "Inventory", "Exports"];

const USERS = [
  { role: "viewer", pages: EVERYONE, sites: ["Manila Linehaul Hub", "Quezon City C&D Recycling Plant"] },
  { role: "operator", pages: EVERYONE, sites: ["Manila Linehaul Hub", "Quezon City C&D Recycling Plant"] },
  { role: "manager", pages: [...EVERYONE, "Sheets sync", "Sites"], sites: ["Manila Linehaul Hub", "Quezon City C&D Recycling Plant"] },
  { role: "admin", pages: [...EVERYONE, "Sheets sync", "Sites"], sites: ["All sites", "Jakarta C&D Recycling Plant", "Manila Linehaul Hub", "Quezon City C&D Recycling Plant"] },
] as const;

async function rowsOf(page: Page) {
  return page.getByTestId("dispatch-row").evaluateAll((rows) =>
    rows.map((row) => ({
      status: row.getAttribute("data-status"),
      canMove: row.querySelector("[data-testid=status-menu]") !== null,
      creator: row.querySelector("td:nth-last-child(2)")?.textContent ?? "",
    })),
  );
}

describe("e2e: what each role sees", () => {
  for (const user of USERS) {
    it(`${user.role}: the pages and sites of the role, and only the controls it may use`, async () => {
      const context = await signedInContext(browser(), `${user.role}@deskops.local`, SEEDED_PASSWORD);
      const page = await context.newPage();
      await visit(page, "/dashboard", `dashboard-${user.role}`);

      const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
      expect(nav).toEqual(user.pages);

      await page.getByTestId("site-switcher").click();
      await page.getByRole("listbox").waitFor(); // the list loads on first opening
      const sites = await page.getByRole("option").allInnerTexts();
      const names = sites.map((text) => text.split("\n")[0] ?? "");
      // Other tests make sites of their own, and an admin sees those too: look for the seeded ones.
      const expected: readonly string[] = user.sites;
      expect(user.role === "admin" ? names.filter((name) => expected.includes(name)) : names).toEqual(expected);
      await page.keyboard.press("Escape");

      await visit(page, "/dispatch?site=QC-CDW", `dispatch-${user.role}`);
      const rows = await rowsOf(page);
      expect(rows.length).toBeGreaterThan(10);
      const movable = rows.filter((row) => row.canMove);
      if (user.role === "viewer") expect(movable).toEqual([]);
      if (user.role === "operator") {
        // Only their own dispatches, while pending.
        expect(movable.length).toBeGreaterThan(0);
        for (const row of movable) expect(row).toMatchObject({ status: "pending", creator: "Otto Operator" });
      }
      if (user.role === "manager" || user.role === "admin") {
        const open = rows.filter((row) => row.status === "pending" || row.status === "ongoing");
        expect(movable.length).toBe(open.length);
      }

      await page.getByTestId("row-menu").first().click();
      const menu = await page.getByRole("menuitem").allInnerTexts();
      expect(menu.some((item) => item.includes("Delete"))).toBe(user.role === "manager" || user.role === "admin");
      await page.getByRole("menuitem", { name: "Open details" }).click();
      await page.getByTestId("dispatch-details").waitFor();
      await screenshot(page, `dispatch-panel-${user.role}`);
      if (user.role === "viewer") {
        expect(await page.getByTestId("panel-actions").count()).toBe(0);
        expect(await page.getByRole("textbox", { name: "Remarks" }).count()).toBe(0);
      }
      await context.close();
    }, 90_000);
  }

  it("manager: a deleted dispatch's panel says who deleted it, and Restore brings it back as it was", async () => {
    const [site] = await sql<{ id: string }>("select id from public.sites where code = 'QC-CDW'");
    const [row] = await insertRows<{ id: string }>("dispatches", [dispatchRow(site!.id, { lh_trip: "LH-RESTORE-ME" })]);
    const managerCookies = await signInCookies("manager@deskops.local", SEEDED_PASSWORD);
    expect((await callApp(`/api/dispatch/${row!.id}`, { method: "DELETE", cookies: managerCookies })).status).toBe(200);

    const context = await signedInContext(browser(), "manager@deskops.local", SEEDED_PASSWORD);
    const page = await context.newPage();
    await page.goto(`/dispatch?site=QC-CDW&row=${row!.id}`);
    const deleted = page.getByTestId("dispatch-deleted");
    await deleted.waitFor();
    expect(await deleted.innerText()).toContain("Deleted by Mona Manager");
    // When, in the site's zone (Manila, 8 hours from the server's UTC), as the live panel says it.
    const [audit] = await sql<{ at: Date }>("select at from public.audit_log where row_id = $1 and action = 'delete'", [row!.id]);
    const inManila = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Manila" }).format(audit!.at);
    expect(await deleted.innerText()).toMatch(new RegExp(`Deleted by Mona Manager · [^.]*${inManila}\\.`));
    await screenshot(page, "dispatch-panel-deleted");
    const dark = await signedInContext(browser(), "manager@deskops.local", SEEDED_PASSWORD, { theme: "dark" });
    const darkPage = await dark.newPage();
    await darkPage.goto(`/dispatch?site=QC-CDW&row=${row!.id}`);
    await darkPage.getByTestId("dispatch-deleted").waitFor();
    await screenshot(darkPage, "dispatch-panel-deleted-dark");
    await dark.close();
    await page.getByTestId("restore-row").click();
    const details = page.getByTestId("dispatch-details");
    await details.waitFor();
    expect(await details.getAttribute("data-id")).toBe(row!.id);
    expect(await details.innerText()).toContain("LH-RESTORE-ME");
    await context.close();
  }, 90_000);

  it("answers a page the role does not open with the app's not-found page", async () => {
    const context = await signedInContext(browser(), "viewer@deskops.local", SEEDED_PASSWORD);
    const page = await context.newPage();
    for (const path of ["/sites", "/sheets", "/status"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await page.getByText("Nothing here for you").waitFor();
    }
    await screenshot(page, "not-found-in-app");
    await context.close();
  });
});
