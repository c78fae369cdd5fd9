// The sites page in Chromium: an admin creates a site, changes it and staffs it; a duplicate code
// is refused in place; a manager reads their site's people and can change nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, seriousViolations, signedInContext, visit } from "../helpers/app-browser";
import { createUser, crewSite } from "../helpers/factories";
import { TEST_PASSWORD, serviceClient } from "../helpers/supabase";

const browser = browserForThisFile();

describe("e2e: sites", () => {
  it("lets an admin create a site, change it, and add, promote and remove a person", async () => {
    const admin = await createUser("site-admin", { admin: true });
    const staffer = await createUser("staffer");
    const { data: profile } = await serviceClient().from("profiles").select("ops_id").eq("id", staffer.id).single();
    const code = `S-${randomUUID().slice(0, 6).toUpperCase()}`;
    const context = await signedInContext(browser(), admin.email, TEST_PASSWORD, { width: 1440 });
    const page = await context.newPage();
    await visit(page, "/sites", "sites-admin");

    await page.getByRole("button", { name: "New site" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Code").fill("MNL-HUB");
    await dialog.getByLabel("Name").fill("A second Manila hub");
    await dialog.getByRole("button", { name: "Create site" }).click();
    await expect.poll(() => dialog.getByText("A site already exists with the same code.").isVisible().catch(() => false)).toBe(true);
    await dialog.getByLabel("Code").fill(code);
    await dialog.getByLabel("Time zone").fill("Asia/Manila");
    await dialog.getByRole("button", { name: "Create site" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const { data: site } = await serviceClient().from("sites").select("id, name, timezone, is_active").eq("code", code).single();
    expect(site).toMatchObject({ name: "A second Manila hub", timezone: "Asia/Manila", is_active: true });

    await page.getByRole("link", { name: code }).click();
    const open = page.getByTestId("open-site");
    await open.waitFor();
    await open.getByLabel("Name").fill("Manila Hub 2");
    await open.getByRole("button", { name: "Save site" }).click();
    await expect.poll(async () => (await serviceClient().from("sites").select("name").eq("code", code).single()).data?.name).toBe("Manila Hub 2");

    await open.locator("#new-member").click();
    await page.getByRole("option", { name: new RegExp(profile?.ops_id ?? "none") }).click();
    await open.getByRole("button", { name: /^Add to/ }).click();
    const membership = async () => (await serviceClient().from("site_members").select("role").eq("site_id", site?.id ?? "").eq("user_id", staffer.id).maybeSingle()).data?.role ?? null;
    await expect.poll(membership).toBe("operator");
    const row = open.locator(`[data-testid="site-member"][data-ops-id="${profile?.ops_id}"]`);
    await row.getByRole("combobox").click();
    await page.getByRole("option", { name: "Manager" }).click();
    await expect.poll(membership).toBe("manager");
    await screenshot(page, "sites-open");
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole("button", { name: /^Remove/ }).click();
    await expect.poll(membership).toBeNull();
    await context.close();
  }, 90_000);

  it("shows a manager their site's people, read-only, and no other site", async () => {
    const crew = await crewSite();
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD, { theme: "dark" });
    const page = await context.newPage();
    await visit(page, `/sites?open=${crew.site.code}`, "sites-manager-dark");
    expect(await page.getByRole("table", { name: "Sites" }).locator("tbody tr").count()).toBe(1);
    await expect.poll(() => page.getByTestId("site-member").count()).toBe(3);
    expect(await page.getByTestId("site-form").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "New site" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
