import { describe, expect, it } from 'vitest';
import { APP_FUSION, describeFusion, FUSION_GRID, tuneFusion } from './fusion-tune';

describe('tuneFusion', () => {
  it('picks the setting with the best score, the earlier one on ties', () => {
    const scores = new Map(FUSION_GRID.map((f, i) => [f, i === 7 || i === 9 ? 0.8 : 0.5]));
    const { best, bestScore, rows } = tuneFusion((f) => scores.get(f) ?? 0);
    expect(best).toBe(FUSION_GRID[7]);
    expect(bestScore).toBe(0.8);
    expect(rows).toHaveLength(FUSION_GRID.length);
  });

  it('has BM25 alone (dense weight 0), the app default, and score blending in its grid', () => {
    expect(FUSION_GRID.some((f) => f.weights?.[1] === 0)).toBe(true);
    expect(FUSION_GRID.some((f) => JSON.stringify(f) === JSON.stringify(APP_FUSION))).toBe(true);
    expect(FUSION_GRID.some((f) => f.method === 'blend')).toBe(true);
    expect(describeFusion(APP_FUSION)).toBe('RRF k 60, dense weight 1');
  });
});
