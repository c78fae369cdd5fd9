// Child processes of the stack: each one is logged with a prefix and stopped (TERM, then KILL)
// when the stack stops, so no postgrest or deno process outlives it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
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

/** A process kept running: restarted with backoff whenever it exits without being asked to. */
export interface SupervisedProcess {
  current(): ManagedProcess;
  /** How many times it was restarted. */
  restarts(): number;
  stop(): Promise<void>;
}

const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 10_000;
/** A process that stayed up this long is healthy again: its next crash restarts it at once. */
const HEALTHY_AFTER_MS = 60_000;

export async function superviseProcess(name: string, start: () => Promise<ManagedProcess>, log: Logger): Promise<SupervisedProcess> {
  let current = await start();
  let stopped = false;
  let restarts = 0;
  let delay = FIRST_RESTART_DELAY_MS;

  const keepRunning = async (process: ManagedProcess, startedAt: number): Promise<void> => {
    const code = await process.exited;
    if (stopped) return;
    if (performance.now() - startedAt > HEALTHY_AFTER_MS) delay = FIRST_RESTART_DELAY_MS;
    while (!stopped) {
      log.error(`${name} exited (${code ?? "killed"}); restarting it in ${delay} ms`);
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
      if (stopped) return;
      try {
        current = await start();
        // Stopped while it was starting: it must not outlive the stack.
        if (stopped) return void (await current.stop());
        restarts += 1;
        log.info(`${name} is back`);
        void keepRunning(current, performance.now());
        return;
      } catch (error) {
        log.error(`${name} did not start again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  void keepRunning(current, performance.now());

  return {
    current: () => current,
    restarts: () => restarts,
    stop: async () => {
      stopped = true;
      await current.stop();
    },
  };
}
