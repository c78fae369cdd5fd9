// `npm run dev`: the local stack (unless NEXT_PUBLIC_SUPABASE_URL points at another Supabase),
// then `next dev` on http://127.0.0.1:3000. One Ctrl-C stops both.
import { spawn } from "node:child_process";
import path from "node:path";
import { loadLocalEnv, parseFlags, runStack, stopOnSignals } from "./run";

const projectDir = path.resolve(import.meta.dirname, "..");

function isLocalStackUrl(url: string): boolean {
  const { hostname, port } = new URL(url);
  const localPort = process.env.SUPABASE_LOCAL_PORT ?? "54321";
  return ["127.0.0.1", "localhost"].includes(hostname) && port === localPort;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  loadLocalEnv();
  const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const stack = url && !isLocalStackUrl(url) ? null : await runStack(flags, true);
  if (!stack) console.log(`[dev] Using the Supabase project at ${url}; the local stack is not started.`);

  const nextBin = path.join(projectDir, "node_modules", ".bin", "next");
  const port = process.env.PORT ?? "3000";
  const next = spawn(nextBin, ["dev", "--hostname", "127.0.0.1", "--port", port], {
    cwd: projectDir,
    stdio: "inherit",
    // Telemetry would only time out on machines without internet access.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stopAll = async () => {
    if (next.exitCode === null) {
      next.kill("SIGTERM");
      await new Promise((resolve) => next.once("exit", resolve));
    }
    await stack?.stop();
  };
  stopOnSignals(stopAll);
  next.once("exit", (code) => {
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
