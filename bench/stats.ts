/**
 * Summary statistics over repeated measurements. Percentiles interpolate linearly between order
 * statistics (rank p/100 × (n − 1)), the definition numpy and most benchmark tools use by default.
 */

export interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
  n: number;
}

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new RangeError('No samples to summarize');
  for (const x of samples) if (!Number.isFinite(x)) throw new RangeError(`Sample is not a finite number: ${x}`);
  return [...samples].sort((a, b) => a - b);
}

/** The p-th percentile (0 ≤ p ≤ 100) of already sorted samples. */
function percentileOfSorted(xs: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be in [0, 100], got ${p}`);
  const rank = (p / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = xs[lo] as number;
  const b = xs[hi] as number;
  return a + (b - a) * (rank - lo);
}

export function percentile(samples: readonly number[], p: number): number {
  return percentileOfSorted(sorted(samples), p);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Stats {
  const xs = sorted(samples);
  return {
    median: percentileOfSorted(xs, 50),
    p95: percentileOfSorted(xs, 95),
    min: xs[0] as number,
    max: xs[xs.length - 1] as number,
    mean: xs.reduce((s, x) => s + x, 0) / xs.length,
    n: xs.length,
  };
}
