/**
 * Fusion settings chosen on a TRAIN split: a small grid of reciprocal rank fusion (k, dense weight) and
 * min-max score blending (dense weight), BM25's weight fixed at 1. A dense weight of 0 is in the grid,
 * so tuning can also say "BM25 alone is better", which it should when the embedder is poor.
 */
import type { FusionOptions } from '../../src/lib/core/retrieve';

export const FUSION_GRID: FusionOptions[] = [
  ...[10, 30, 60].flatMap((rrfK) => [0, 0.25, 0.5, 1, 2, 4].map((w): FusionOptions => ({ method: 'rrf', rrfK, weights: [1, w] }))),
  ...[0.25, 0.5, 1, 2, 4].map((w): FusionOptions => ({ method: 'blend', weights: [1, w] })),
];

/** What the app uses unless told otherwise (src/lib/core/retrieve.ts). */
export const APP_FUSION: FusionOptions = { method: 'rrf', rrfK: 60, weights: [1, 1] };

export function describeFusion(f: FusionOptions): string {
  const dense = f.weights?.[1] ?? 1;
  return f.method === 'blend' ? `score blend, dense weight ${dense}` : `RRF k ${f.rrfK ?? 60}, dense weight ${dense}`;
}

/** The grid's best setting by `score` (ties: the earlier, simpler one), and every row for the log. */
export function tuneFusion(score: (fusion: FusionOptions) => number, grid: FusionOptions[] = FUSION_GRID): { best: FusionOptions; bestScore: number; rows: [FusionOptions, number][] } {
  const rows = grid.map((f): [FusionOptions, number] => [f, score(f)]);
  let [best, bestScore] = rows[0] ?? [APP_FUSION, Number.NaN];
  for (const [f, s] of rows) {
    if (s > bestScore) [best, bestScore] = [f, s];
  }
  return { best, bestScore, rows };
}
