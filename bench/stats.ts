/** Percentiles of latency samples (ms), nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

export interface Summary { n: number; p50: number; p95: number; p99: number; max: number }
export const summarise = (all: number[]): Summary => summariseValid(all.filter((v) => !Number.isNaN(v)));
const summariseValid = (samples: number[]): Summary => ({
  n: samples.length, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99), max: percentile(samples, 1),
});

/** Runs `fn` with `concurrency` at a time over `items`. */
export async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
