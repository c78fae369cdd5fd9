// The exports page in Chromium: a manager with no exports sees what to do, asks for a CSV of a
// month of dispatches, watches its bar move to done (the test stack writes 100-row slices),
// downloads the file and finds every dispatch in it; a PDF over its cap is refused in the dialog.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { browserForThisFile, screenshot, seriousViolations, signedInContext, visit } from "../helpers/app-browser";
import { sql } from "../helpers/db";
import { crewSite } from "../helpers/factories";
import { TEST_PASSWORD } from "../helpers/supabase";

const browser = browserForThisFile();

describe("e2e: exports", () => {
  it("makes a CSV with live progress, downloads it, and refuses a PDF over its cap in place", async () => {
    const crew = await crewSite();
    await sql(
      `insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number, lh_trip)
       select $1, date '2026-03-01' + (g % 28), 'Cluster', 'Processor', 'Station', 'NCR', 'D-1', 'LH-' || g from generate_series(1, 5100) g`,
      [crew.site.id],
    );
    // April holds one row more than a PDF may.
    const [{ cap }] = (await sql<{ cap: number }>("select public.export_row_cap('pdf') as cap")) as [{ cap: number }];
    await sql(
      `insert into public.dispatches (site_id, dispatch_date, cluster, processor, station, region, dock_number, lh_trip)
       select $1, date '2026-04-01' + (g % 30), 'Cluster', 'Processor', 'Station', 'NCR', 'D-1', 'LH-A' || g from generate_series(1, $2::integer) g`,
      [crew.site.id, cap + 1],
    );
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD);
    const page = await context.newPage();
    await visit(page, `/exports?site=${crew.site.code}`, "exports-empty");
    await expect.poll(() => page.getByTestId("empty-state").isVisible()).toBe(true);

    await page.getByTestId("new-export").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Module").selectOption("dispatch");
    await dialog.getByLabel("From").fill("2026-04-01");
    await dialog.getByLabel("To").fill("2026-04-30");
    await dialog.getByLabel("Format").selectOption("pdf");
    const count = (rows: number) => rows.toLocaleString("en-US");
    await expect.poll(() => dialog.getByTestId("export-estimate").innerText()).toContain(`${count(cap + 1)} rows: a PDF holds at most ${count(cap)}`);
    expect(await dialog.getByRole("button", { name: "Export", exact: true }).isDisabled()).toBe(true);
    await screenshot(page, "exports-dialog-over-cap");
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByLabel("From").fill("2026-03-01");
    await dialog.getByLabel("To").fill("2026-03-31");
    await dialog.getByLabel("Format").selectOption("csv");
    await expect.poll(() => dialog.getByTestId("export-estimate").innerText()).toBe("About 5,100 rows.");
    // Every value the bar shows, from the moment the row appears.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role="progressbar"]')) seen.push(Number(bar.getAttribute("aria-valuenow")));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
    });
    await dialog.getByRole("button", { name: "Export", exact: true }).click();
    const row = page.getByTestId("export-job").first();
    await row.waitFor();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 60_000 }).toBe("completed");
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((value) => value > 0 && value < 100), `progress seen: ${seen.join(",")}`).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await expect.poll(() => page.getByText("Dispatch export is ready").isVisible()).toBe(true);
    await screenshot(page, "exports-ready");

    const [download] = await Promise.all([page.waitForEvent("download"), row.getByTestId("download-export").click()]);
    expect(download.suggestedFilename()).toBe("dispatch_2026-03-01_to_2026-03-31.csv");
    const text = await readFile(await download.path(), "utf8");
    const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(header?.slice(0, 2)).toEqual(["Date", "Cluster"]);
    expect(new Set(rows.map((each) => each[6])).size).toBe(5100);
    await context.close();
  }, 120_000);

  it("looks right in the dark", async () => {
    const crew = await crewSite();
    const context = await signedInContext(browser(), crew.manager.email, TEST_PASSWORD, { theme: "dark" });
    const page = await context.newPage();
    await visit(page, `/exports?site=${crew.site.code}`, "exports-dark");
    await page.getByTestId("new-export").click();
    await expect.poll(() => page.getByRole("dialog").getByTestId("export-estimate").innerText()).toContain("No rows in this range yet");
    await screenshot(page, "exports-dialog-dark");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
