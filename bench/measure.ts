// Timing helpers: several runs after a warm-up, reported as percentiles.
import { readdirSync, readFileSync } from "node:fs";

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  mean: number;
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
  };
}

/** Runs `task` `warmup` times untimed, then `runs` times timed (milliseconds). */
export async function measure(task: () => Promise<unknown>, runs = 30, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i += 1) await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** Alternates two tasks run by run, so both see the same machine load. */
export async function measurePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs = 30,
  warmup = 3,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i += 1) {
    await a();
    await b();
  }
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let started = performance.now();
    await a();
    samplesA.push(performance.now() - started);
    started = performance.now();
    await b();
    samplesB.push(performance.now() - started);
  }
  return [summarize(samplesA), summarize(samplesB)];
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
export function treeRss(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    try {
      const status = readFileSync(`/proc/${current}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) pending.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between two reads: it holds no memory now.
    }
  }
  return total;
}

/** Samples treeRss every 50 ms until stopped; returns the peak. */
export function watchPeakRss(pid: number): { baseline: number; stop(): number } {
  const baseline = treeRss(pid);
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 50);
  return {
    baseline,
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}
