// The fake Apps Script web app and an extra google-sheets drainer, each in a process of its own,
// for tests' global setup and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { denoBinary } from "@/local/functions/runtime";
import { freePort, waitUntil } from "@/local/net";

const projectDir = path.resolve(import.meta.dirname, "../../..");

export interface FakeSheetProcess {
  url: string;
  controlUrl: string;
  process: ChildProcess;
}

/** The fake web app (serve.ts): Code.gs's UrlFetchApp blocks its process, so it gets its own. */
export async function startFakeSheet(secret: string): Promise<FakeSheetProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectDir, "tests/helpers/apps-script/serve.ts")], {
    cwd: projectDir,
    env: { ...process.env, WEBHOOK_SECRET: secret },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  return { ...(JSON.parse(line) as { url: string; controlUrl: string }), process: child };
}

export interface DrainerSettings {
  apiUrl: string;
  serviceRoleKey: string;
  dbUrl: string;
  webAppUrl: string;
  secret: string;
}

/** Another google-sheets function process against the same outbox: a second drainer. */
export async function startDrainer(settings: DrainerSettings): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(denoBinary(), ["run", "--allow-all", "--no-prompt", "index.ts"], {
    cwd: path.join(projectDir, "supabase/functions/google-sheets"),
    env: {
      NODE_ENV: "test",
      ...Object.fromEntries(["PATH", "HOME", "DENO_DIR"].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
      DENO_NO_UPDATE_CHECK: "1",
      DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
      SUPABASE_URL: settings.apiUrl, SUPABASE_SERVICE_ROLE_KEY: settings.serviceRoleKey, SUPABASE_DB_URL: settings.dbUrl,
      GOOGLE_APPS_SCRIPT_WEB_APP_URL: settings.webAppUrl, GOOGLE_SHEETS_WEBHOOK_SECRET: settings.secret,
    },
    // Its log (failed deliveries, stack traces) goes where the caller's does.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/google-sheets`;
  await waitUntil("the drainer to listen", async () => (await fetch(url, { method: "GET" }).catch(() => null))?.status === 405, 60_000);
  return { url, process: child };
}
