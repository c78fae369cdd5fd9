// Chromium for the browser tests, the benchmarks and the README's screenshots, driven by
// playwright-core. The browser comes with `npm install`: @sparticuz/chromium ships a Chromium
// build inside the package (no download, nothing from apt).
// Debian's /usr/bin/chromium (or CHROMIUM_PATH) is the fallback when that build cannot start.
import { existsSync } from "node:fs";
import sparticuz from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";

// What every launch needs here: headless, root without a sandbox, and no calls home (this
// machine's closed network refuses them, slowly).
const COMMON_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// IMPORTANT: @sparticuz/chromium's defaults are made for AWS Lambda; some of them would hide the
// very bugs browser tests are for (web security off, mixed content allowed) or make several
// contexts share one process. Keep the rest (headless shell, software GL).
const DROPPED_ARGS = new Set(["--disable-web-security", "--allow-running-insecure-content", "--single-process", "--disable-site-isolation-trials"]);

export async function packagedChromium(): Promise<{ executablePath: string; args: string[] }> {
  const executablePath = await sparticuz.executablePath();
  return { executablePath, args: [...sparticuz.args.filter((arg) => !DROPPED_ARGS.has(arg)), ...COMMON_ARGS] };
}

const systemChromium = () => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!process.env.CHROMIUM_PATH) {
    try {
      const packaged = await packagedChromium();
      return await chromium.launch({ executablePath: packaged.executablePath, args: packaged.args });
    } catch (error) {
      if (!existsSync(systemChromium())) throw error;
    }
  }
  if (!existsSync(systemChromium())) throw new Error(`Chromium not found at ${systemChromium()}.`);
  return chromium.launch({ executablePath: systemChromium(), args: ["--headless", ...COMMON_ARGS] });
}
