// `npm run screenshots`: the pictures in the README (docs/screenshots/), taken of the product as
// its users see it: a throw-away stack with the demo data, a production build, Chromium.
import { chmod, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { consoleLogger } from "./log";
import { freePort } from "./net";
import { startNext } from "./next";
import { SEEDED_PASSWORD, signInCookies } from "./session-cookies";
import { startStack } from "./stack";

const projectDir = path.resolve(import.meta.dirname, "..");
const outDir = path.join(projectDir, "docs", "screenshots");
const VIEWPORT = { width: 1440, height: 900 };

interface Shot {
  file: string;
  user: string | null;
  path: string;
  theme: "light" | "dark";
  fullPage?: boolean;
  /** What to do on the page before the picture. */
  prepare?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { file: "login.png", user: null, path: "/login", theme: "light" },
  { file: "dashboard.png", user: "manager@deskops.local", path: "/dashboard?site=QC-CDW", theme: "light", fullPage: true },
  { file: "dashboard-dark.png", user: "manager@deskops.local", path: "/dashboard?site=QC-CDW", theme: "dark", fullPage: true },
  {
    file: "dispatch.png",
    user: "manager@deskops.local",
    path: "/dispatch?site=QC-CDW",
    theme: "light",
    prepare: async (page) => {
      await page.getByTestId("dispatch-row").first().click();
      await page.getByTestId("dispatch-details").waitFor();
    },
  },
  {
    file: "grid.png",
    user: "operator@deskops.local",
    path: "/dispatch/new?site=MNL-HUB",
    theme: "light",
    prepare: async (page) => {
      const sheet = await readFile(path.join(projectDir, "tests/fixtures/paste/dispatch-50.txt"), "utf8");
      await page.getByRole("grid").evaluate((grid, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        grid.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      }, sheet);
      await page.getByTestId("grid-summary").and(page.locator('[data-ready="48"]')).waitFor();
      // Show the first error, as "Go to the next error" does.
      await page.getByRole("button", { name: "Go to the next error" }).click();
    },
  },
  { file: "sheets.png", user: "manager@deskops.local", path: "/sheets", theme: "light" },
  {
    file: "command-palette.png",
    user: "admin@deskops.local",
    path: "/dispatch",
    theme: "dark",
    prepare: async (page) => {
      await page.keyboard.press("Control+k");
      await page.getByRole("dialog").waitFor();
    },
  },
];

async function take(browser: Browser, appUrl: string, apiUrl: string, anonKey: string, shot: Shot): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: shot.theme, baseURL: appUrl });
  if (shot.user) {
    const cookies = await signInCookies(apiUrl, anonKey, shot.user, SEEDED_PASSWORD);
    await context.addCookies(cookies.map(({ name, value }) => ({ name, value, url: appUrl })));
  }
  const page = await context.newPage();
  await page.goto(shot.path);
  if (shot.user) await page.locator('[data-testid="realtime-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await shot.prepare?.(page);
  await page.waitForTimeout(400); // the panel's and dialog's opening animations
  await page.screenshot({ path: path.join(outDir, shot.file), fullPage: shot.fullPage ?? false, animations: "disabled", caret: "initial" });
  await context.close();
  console.log(`[screenshots] docs/screenshots/${shot.file}`);
}

async function main(): Promise<void> {
  const log = consoleLogger({ verbose: false });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "deskops-screenshots-"));
  await chmod(dataDir, 0o755);
  const stack = await startStack({ projectDir, apiPort: await freePort(), dbPort: await freePort(), dataDir: path.join(dataDir, "db"), reset: true, unsafeFastDatabase: true, watchFunctions: false, log });
  let browser: Browser | null = null;
  let next: Awaited<ReturnType<typeof startNext>> | null = null;
  try {
    console.log("[screenshots] Building the app (production)…");
    next = await startNext(stack, { projectDir, mode: "production", distDir: ".next-screenshots", log });
    browser = await launchBrowser();
    await mkdir(outDir, { recursive: true });
    for (const shot of SHOTS) await take(browser, next.url, stack.apiUrl, stack.anonKey, shot);
  } finally {
    await browser?.close();
    await next?.stop();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[screenshots] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
