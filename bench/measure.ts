// Timing helpers: several runs after a warm-up, reported as percentiles.

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
