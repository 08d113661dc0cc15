/**
 * This machine's ceilings as Chromium's WASM sees them, measured once per run and shared by the
 * suites that compare against them: SIMD f32 GFLOP/s (the better of multiply+add and relaxed
 * fused multiply-add) and streaming read bandwidth, each with 1 and 2 workers.
 */
import type { BrowserEnv } from '../browser/env';
import type { PeaksPageApi } from '../pages/peaks';
import { median } from '../stats';
import type { FmaVariant } from './kernels';

export interface PeakSamples {
  threads: number;
  samples: number[];
}

export interface MachinePeaks {
  /** GFLOP/s samples per variant and thread count; a variant the browser cannot run is absent. */
  flops: Partial<Record<FmaVariant, PeakSamples[]>>;
  /** GB/s samples per thread count. */
  bandwidth: PeakSamples[];
  bufferBytes: number;
  /** Median GFLOP/s of the faster variant with `threads` workers. */
  gflops(threads: number): number;
  /** Median GB/s with `threads` workers. */
  gbPerSecond(threads: number): number;
}

export const PEAK_THREADS = [1, 2];

export async function measurePeaks(env: BrowserEnv, quick: boolean, log: (m: string) => void): Promise<MachinePeaks> {
  const opts = quick ? { warmupMs: 100, callMs: 20, calls: 3 } : { warmupMs: 800, callMs: 150, calls: 7 };
  const bufferBytes = quick ? 32 << 20 : 256 << 20;
  const page = await env.openPage<PeaksPageApi>('peaks');
  try {
    const flops: MachinePeaks['flops'] = {};
    for (const variant of ['mul-add', 'relaxed-madd'] as const) {
      try {
        const runs: PeakSamples[] = [];
        for (const threads of PEAK_THREADS) runs.push({ threads, samples: await page.call('flops', variant, threads, opts) });
        flops[variant] = runs;
      } catch (error) {
        log(`  ${variant} kernel unavailable: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const bandwidth: PeakSamples[] = [];
    for (const threads of PEAK_THREADS) bandwidth.push({ threads, samples: await page.call('bandwidth', bufferBytes, threads, opts) });
    const pick = (runs: PeakSamples[] | undefined, threads: number) => {
      const run = runs?.find((r) => r.threads === threads);
      return run ? median(run.samples) : 0;
    };
    const gflops = (threads: number) => Math.max(pick(flops['mul-add'], threads), pick(flops['relaxed-madd'], threads));
    const gbPerSecond = (threads: number) => pick(bandwidth, threads);
    log(`  peaks: ${PEAK_THREADS.map((t) => `${t}T ${gflops(t).toFixed(1)} GFLOP/s, ${gbPerSecond(t).toFixed(1)} GB/s`).join('; ')}`);
    return { flops, bandwidth, bufferBytes, gflops, gbPerSecond };
  } finally {
    await page.close();
  }
}
