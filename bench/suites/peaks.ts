/**
 * Machine peaks as figures: the ceilings the embedding and LLM suites compare against. With 2
 * workers the baseline is twice the 1-worker figure (perfect scaling), so the ratio is the scaling.
 */
import { figure, type Figure } from '../figure';
import { PEAK_THREADS, type PeakSamples } from '../kernels/peaks';
import { median } from '../stats';
import type { Suite } from '../suite';

const NAME = 'peaks';

function scaled(runs: PeakSamples[], label: string, unit: string, note: string): Figure[] {
  const one = runs.find((r) => r.threads === 1);
  return runs.map((r) =>
    figure(NAME, {
      name: `${label}, ${r.threads} thread${r.threads > 1 ? 's' : ''}`,
      unit,
      samples: r.samples,
      better: 'higher',
      note,
      ...(r.threads > 1 && one ? { baseline: { name: `${r.threads}× one thread`, value: r.threads * median(one.samples), kind: 'ceiling' as const } } : {}),
    }),
  );
}

export const peaksSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'WASM SIMD f32 GFLOP/s and memory read bandwidth in Chromium (the ceilings other suites use)',
  async run(ctx) {
    const peaks = await ctx.peaks();
    const figures: Figure[] = [];
    const mulAdd = peaks.flops['mul-add'];
    const madd = peaks.flops['relaxed-madd'];
    if (mulAdd) figures.push(...scaled(mulAdd, 'WASM SIMD f32x4 mul+add', 'GFLOP/s', '12 register-resident accumulators'));
    if (madd) figures.push(...scaled(madd, 'WASM relaxed-SIMD f32x4 madd', 'GFLOP/s', '12 register-resident accumulators'));
    const mb = (peaks.bufferBytes / 2 ** 20).toFixed(0);
    figures.push(...scaled(peaks.bandwidth, `WASM read bandwidth (${mb} MiB buffer per thread)`, 'GB/s', 'v128 loads, 4 accumulators'));
    return {
      figures,
      notes: [`ceilings used by other suites: ${PEAK_THREADS.map((t) => `${t} thread(s) ${peaks.gflops(t).toFixed(1)} GFLOP/s, ${peaks.gbPerSecond(t).toFixed(1)} GB/s`).join('; ')}`],
    };
  },
};
