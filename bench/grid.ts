// The bulk-entry grid on the production build in Chromium, as an operator meets it: a paste of
// 500 and 5,000 rows until every cell is checked, a keystroke with 5,000 rows loaded, and saving
// 5,000 rows from the click until the grid is empty.
import type { Page } from "playwright-core";
import { launchBrowser } from "@/local/browser";
import type { AppBench } from "./context";
import { summarize } from "./measure";
import { contextFor, siteCode, viewers } from "./pages";
import { ms, type ScenarioResult } from "./report";

const HEADER = ["Date", "Cluster", "Processor", "Station", "Region", "Dock No.", "LH Trip #", "Plate No.", "Fleet Size", "Remarks"];

/** A day's sheet of `count` valid dispatches as Excel puts it on the clipboard. */
function sheet(count: number, run: string): string {
  const rows = Array.from({ length: count }, (_, index) =>
    ["21-Nov-2026", "Pasig Cluster A", "Pasig Processing Center", `Station ${index % 7}`, "NCR", `D${index % 9}`, `LH-${run}-${index}`, `GRD ${index}`, "10W", index % 3 === 0 ? `Seal ${index}` : ""].join("\t"),
  );
  return [HEADER.join("\t"), ...rows].join("\r\n") + "\r\n";
}

/** Pastes in the page and answers the milliseconds until the summary counts every row as checked. */
function timedPaste(page: Page, text: string, rows: number): Promise<number> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(
    async ([pasted, expected]) => {
      const grid = document.querySelector<HTMLElement>('[role="grid"]');
      const summary = document.querySelector<HTMLElement>('[data-testid="grid-summary"]');
      if (!grid || !summary) throw new Error("no grid on the page");
      grid.focus();
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      const started = performance.now();
      grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      while (summary.dataset.ready !== String(expected)) await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - started;
    },
    [text, rows] as const,
  );
}

/** Types into the cell being edited, a character at a time: each one's time to the next frame. */
function timedKeystrokes(page: Page, text: string): Promise<number[]> {
  return page.evaluate(async (typed) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="cell-editor"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
    if (!input || !setValue) throw new Error("no cell editor");
    const times: number[] = [];
    for (const character of typed) {
      const started = performance.now();
      setValue.call(input, input.value + character);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      times.push(performance.now() - started);
    }
    return times;
  }, text);
}

export async function gridEntry(bench: AppBench): Promise<ScenarioResult[]> {
  const [operator] = await viewers(bench, 1, "operator");
  const browser = await launchBrowser();
  const url = `${bench.app.url}/dispatch/new?site=${await siteCode(bench)}`;
  const openGrid = async () => {
    const page = await (await contextFor(browser, bench, operator!)).newPage();
    await page.goto(url);
    await page.getByRole("grid", { name: "Dispatch rows" }).waitFor();
    await page.waitForLoadState("networkidle");
    return page;
  };
  try {
    const paste = async (rows: number, runs: number) => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const page = await openGrid();
        samples.push(await timedPaste(page, sheet(rows, `P${rows}-${run}`), rows));
        await page.context().close();
      }
      return summarize(samples);
    };
    const paste500 = await paste(500, 5);
    const paste5000 = await paste(5000, 3);

    const page = await openGrid();
    await timedPaste(page, sheet(5000, "S"), 5000);
    await page.keyboard.press("End");
    await page.keyboard.press("F2");
    const keystrokes = summarize(await timedKeystrokes(page, "typed remark, one key at a time".repeat(2)));
    await page.keyboard.press("Escape");
    const started = performance.now();
    await page.getByTestId("grid-save").click();
    await page.getByTestId("save-result").waitFor({ timeout: 120_000 });
    const saveMs = performance.now() - started;
    const saved = Number((await bench.pool.query<{ count: string }>("select count(*) from public.dispatches where lh_trip like 'LH-S-%'")).rows[0]?.count ?? 0);
    await page.context().close();

    return [
      { scenario: "grid: paste 500 rows → rendered, every cell checked (production build, Chromium)", deskops: `p50 ${ms(paste500.p50)} / p95 ${ms(paste500.p95)} (5 pastes)`, reference: "—", ratio: "—", target: "< 300 ms", pass: paste500.p95 < 300 },
      { scenario: "grid: paste 5,000 rows → rendered, every cell checked", deskops: `p50 ${ms(paste5000.p50)} / p95 ${ms(paste5000.p95)} (3 pastes)`, reference: "—", ratio: "—", target: "< 1,500 ms", pass: paste5000.p95 < 1500 },
      { scenario: "grid: a keystroke in a cell with 5,000 rows loaded → next frame", deskops: `p50 ${ms(keystrokes.p50)} / p95 ${ms(keystrokes.p95)} (${keystrokes.runs} keys)`, reference: "—", ratio: "—", target: "p95 < 50 ms", pass: keystrokes.p95 < 50 },
      {
        scenario: "grid: save 5,000 valid rows, click → grid emptied",
        deskops: `${ms(saveMs)} (${saved.toLocaleString("en-US")} rows in the database)`,
        reference: "—",
        ratio: "—",
        target: "< 3,000 ms, 5,000 saved",
        pass: saveMs < 3000 && saved === 5000,
      },
    ];
  } finally {
    await browser.close();
  }
}
