// Child processes of the stack: each one is logged with a prefix and stopped (TERM, then KILL)
// when the stack stops, so no postgrest or deno process outlives it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { Logger } from "./log";

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code once the process has ended, for whatever reason. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  log: Logger;
}

// IMPORTANT: on Linux, setpriv makes the kernel send SIGTERM to the child if the stack dies
// without cleaning up (even by SIGKILL), so no postgrest or deno is ever orphaned.
const SETPRIV = "/usr/bin/setpriv";
const useParentDeathSignal = process.platform === "linux" && existsSync(SETPRIV);

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
): ManagedProcess {
  const [program, argv] = useParentDeathSignal
    ? [SETPRIV, ["--pdeathsig", "SIGTERM", "--", command, ...args]]
    : [command, args];
  const child = spawn(program, argv, {
    cwd: options.cwd,
    // Next's types make NODE_ENV required on ProcessEnv; a child's environment needs no such thing.
    env: options.env as NodeJS.ProcessEnv | undefined,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim()) options.log.child(name, line);
    }
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      options.log.error(`${name} could not start: ${error.message}`);
      resolve(null);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return { name, child, exited, stop };
}
