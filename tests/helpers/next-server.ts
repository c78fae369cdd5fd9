// Runs `next dev` for browser tests on a free port, pointed at the test stack.
import path from "node:path";
import { quietLogger } from "@/local/log";
import { freePort, httpOk, waitUntil } from "@/local/net";
import { spawnManaged } from "@/local/processes";

export interface StackKeys {
  apiUrl: string;
  anonKey: string;
  serviceRoleKey: string;
}

const projectDir = path.resolve(import.meta.dirname, "../..");

export interface NextServer {
  url: string;
  stop(): Promise<void>;
}

/** Started once per test run by the global setup; every test reaches it through inject("nextUrl"). */
export async function startNext(stack: StackKeys): Promise<NextServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnManaged(
    "next",
    path.join(projectDir, "node_modules", ".bin", "next"),
    ["dev", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: projectDir,
      env: {
        ...process.env,
        NEXT_PUBLIC_SUPABASE_URL: stack.apiUrl,
        NEXT_PUBLIC_SUPABASE_ANON_KEY: stack.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
        NEXT_DIST_DIR: ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "development",
      },
      log: quietLogger(),
    },
  );
  await waitUntil("next dev to serve the home page", async () => {
    if (child.child.exitCode !== null) throw new Error("next dev exited during start");
    return httpOk(url);
  }, 120_000, 250);
  return { url, stop: () => child.stop() };
}
