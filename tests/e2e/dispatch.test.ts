// The dispatch list in Chromium: filters kept in the URL (a reload and a shared link show the same
// rows), the CSV export of exactly the filtered rows, and one whole task done from the keyboard.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, signedInContext, visit, waitUntilLive } from "../helpers/app-browser";
import { crewSite, dispatchRow, insertRows, type Crew } from "../helpers/factories";
import { TEST_PASSWORD, serviceClient } from "../helpers/supabase";

const browser = browserForThisFile();
let crew: Crew;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  crew = await crewSite();
  const statuses = ["pending", "ongoing", "completed", "cancelled"] as const;
  const clusters = ["Pasig Cluster A", "Taguig Cluster B", "Cavite Cluster C"];
  await insertRows(
    "dispatches",
    Array.from({ length: 36 }, (_, index) =>
      dispatchRow(crew.site.id, {
        lh_trip: `LH-F-${String(index).padStart(3, "0")}`,
        status: statuses[index % 4],
        cluster: clusters[index % 3],
        region: index % 2 === 0 ? "NCR" : "South Luzon",
        dispatch_date: day(-(index % 6)),
        created_by: crew.operator.id,
      }),
    ),
  );
}, 180_000);

const shownIds = (page: Page) => page.getByTestId("dispatch-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")));

async function expectedIds(filters: { status: string; cluster: string; dateFrom: string }): Promise<string[]> {
  const { data } = await serviceClient()
    .from("dispatches")
    .select("id")
    .eq("site_id", crew.site.id)
    .eq("status", filters.status)
    .ilike("cluster", `%${filters.cluster}%`)
    .gte("dispatch_date", filters.dateFrom)
    .order("dispatch_date", { ascending: false })
    .order("created_at", { ascending: false })
    .order("id", { ascending: false });
  return (data ?? []).map((row: { id: string }) => row.id);
}

describe("e2e: dispatch list", () => {
  it("keeps its filters in the URL: a reload and a shared link show the same rows", async () => {
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    await visit(page, `/dispatch?site=${crew.site.code}`, "dispatch-unfiltered");
    expect(await page.getByTestId("dispatch-count").getAttribute("data-count")).toBe("36");

    await page.locator("#filter-status").click();
    await page.getByRole("option", { name: "Completed" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "completed");
    await page.getByLabel("Cluster").fill("pasig");
    await page.getByLabel("Cluster").press("Enter");
    await page.waitForURL((url) => url.searchParams.get("cluster") === "pasig");
    await page.getByLabel("From").fill(day(-3));
    await page.waitForURL((url) => url.searchParams.get("dateFrom") === day(-3));

    const wanted = await expectedIds({ status: "completed", cluster: "pasig", dateFrom: day(-3) });
    expect(wanted.length).toBeGreaterThan(0);
    await expect.poll(() => shownIds(page)).toEqual(wanted);
    expect(await page.getByTestId("dispatch-count").getAttribute("data-count")).toBe(String(wanted.length));
    await screenshot(page, "dispatch-filtered");

    await page.reload();
    await waitUntilLive(page);
    expect(await shownIds(page)).toEqual(wanted);
    expect(await page.locator("#filter-status").innerText()).toBe("Completed");
    expect(await page.getByLabel("Cluster").inputValue()).toBe("pasig");

    const shared = await signedInContext(browser(), crew.viewer.email, TEST_PASSWORD);
    const viewerPage = await shared.newPage();
    await visit(viewerPage, page.url().replace(/^https?:\/\/[^/]+/, ""), "dispatch-shared-link");
    expect(await shownIds(viewerPage)).toEqual(wanted);

    await page.getByTestId("clear-filters").click();
    await page.waitForURL((url) => !url.searchParams.has("status"));
    await expect.poll(() => page.getByTestId("dispatch-count").getAttribute("data-count")).toBe("36");
    await shared.close();
    await context.close();
  }, 90_000);

  it("exports exactly the filtered rows as CSV", async () => {
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    await visit(page, `/dispatch?site=${crew.site.code}&status=completed&cluster=pasig&dateFrom=${day(-3)}`, "dispatch-before-export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^dispatch-reports-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path()) ?? "", "utf8");
    const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(header?.[0]).toBe("ID");
    expect(rows.map((row) => row[0])).toEqual(await expectedIds({ status: "completed", cluster: "pasig", dateFrom: day(-3) }));
    await context.close();
  });

  it("lets a manager do a whole task from the keyboard: find a pending dispatch at a site and move it on", async () => {
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    await visit(page, "/dashboard", "keyboard-start");
    const focused = () => page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName.toLowerCase()}|${element.getAttribute("aria-label") ?? ""}|${element.textContent?.trim().slice(0, 60) ?? ""}|${element.id}` : "";
    });
    /** Presses Tab until the focused element matches, as a keyboard user would. */
    async function tabTo(matches: (description: string) => boolean, limit = 60) {
      for (let presses = 0; presses < limit; presses += 1) {
        await page.keyboard.press("Tab");
        if (matches(await focused())) return;
      }
      throw new Error(`Tab never reached the element; last focus: ${await focused()}`);
    }

    // The site switcher: open it and pick the site.
    await tabTo((description) => description.startsWith("button|Site:"));
    await page.keyboard.press("Enter");
    await page.keyboard.type(crew.site.code.toLowerCase());
    for (let presses = 0; presses < 10 && !(await page.getByRole("option", { selected: true }).innerText()).includes(crew.site.code); presses += 1) {
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("site") === crew.site.code);

    // The sidebar: on to Dispatch.
    await tabTo((description) => description.startsWith("a||Dispatch"));
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/dispatch");
    await page.getByTestId("dispatch-table").waitFor();

    // The filters: pending only. The list opens with its chosen option focused; typing before that
    // would type into the trigger instead.
    const pickPending = async () => {
      await tabTo((description) => description.endsWith("|filter-status"));
      await page.keyboard.press("Enter");
      await page.getByRole("listbox").waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("option");
      await page.keyboard.type("Pending");
      await page.keyboard.press("Enter");
    };
    await pickPending();
    const filtered = () => page.waitForURL((url) => url.searchParams.get("status") === "pending", { timeout: 20_000 });
    // KNOWN FLAKE (twice in CI, never here): the choice did not reach the URL. Say what the page
    // showed, for the next person, and choose again as a person would.
    await filtered().catch(async () => {
      console.error(`dispatch keyboard test: no status in the URL after 20 s; url ${page.url()}, trigger "${await page.locator("#filter-status").innerText()}", listbox open: ${await page.getByRole("listbox").count()}, focus ${await focused()}`);
      await page.keyboard.press("Escape");
      await page.locator("#filter-status").focus();
      await page.keyboard.press("Shift+Tab");
      await pickPending();
      await filtered();
    });
    await expect.poll(() => page.getByTestId("dispatch-row").evaluateAll((rows) => rows.every((row) => row.getAttribute("data-status") === "pending"))).toBe(true);
    const target = await page.getByTestId("dispatch-row").first().getAttribute("data-id");

    // The row's status menu: mark it ongoing.
    await tabTo((description) => description.startsWith("button|Status: Pending."));
    await page.keyboard.press("Enter");
    await page.getByRole("menu").waitFor();
    // Opened from the keyboard, the menu focuses its first step.
    await expect.poll(() => focused()).toContain("Mark ongoing");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await serviceClient().from("dispatches").select("status").eq("id", target).single()).data?.status).toBe("ongoing");

    // The command palette: jump back to the dashboard.
    await page.keyboard.press("Control+k");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.type("Dashboard");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/dashboard" && url.searchParams.get("site") === crew.site.code);
    await screenshot(page, "keyboard-end");
    await context.close();
  }, 120_000);
});
