import { describe, expect, it } from 'vitest';
import { blendScores, reciprocalRankFusion } from './fuse';
import type { Scored } from './types';

const list = (...ids: string[]): Scored[] => ids.map((id, i) => ({ id, score: 10 - i }));

describe('reciprocalRankFusion', () => {
  it('scores Σ 1/(k + rank) and ranks agreement first', () => {
    const fused = reciprocalRankFusion([list('a', 'b', 'c'), list('b', 'd')], { k: 60 });
    expect(fused.map((h) => h.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
    expect(fused[3]!.score).toBeCloseTo(1 / 63, 12);
  });

  it('applies per-list weights', () => {
    const fused = reciprocalRankFusion([list('a', 'b'), list('b', 'a')], { k: 1, weights: [3, 1] });
    expect(fused.map((h) => h.id)).toEqual(['a', 'b']);
    expect(fused[0]!.score).toBeCloseTo(3 / 2 + 1 / 3, 12);
  });

  it('ignores raw scores and counts a duplicate only at its best rank', () => {
    const weird: Scored[] = [
      { id: 'x', score: -5 },
      { id: 'y', score: 1000 },
      { id: 'x', score: 7 },
    ];
    const fused = reciprocalRankFusion([weird], { k: 0 });
    expect(fused).toEqual([
      { id: 'x', score: 1 },
      { id: 'y', score: 0.5 },
    ]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe('blendScores', () => {
  it('min-max normalizes each list before the weighted sum', () => {
    const bm25: Scored[] = [
      { id: 'a', score: 12 },
      { id: 'b', score: 8 },
      { id: 'c', score: 4 },
    ];
    const dense: Scored[] = [
      { id: 'c', score: 0.9 },
      { id: 'b', score: 0.7 },
    ];
    const fused = blendScores([bm25, dense], [1, 1]);
    // a: 1 + 0; b: 0.5 + 0; c: 0 + 1  (dense: b is its minimum → 0)
    expect(fused).toEqual([
      { id: 'a', score: 1 },
      { id: 'c', score: 1 },
      { id: 'b', score: 0.5 },
    ]);
    const weighted = blendScores([bm25, dense], [1, 2]);
    expect(weighted[0]).toEqual({ id: 'c', score: 2 });
  });

  it('treats a list of equal scores as all 1', () => {
    expect(blendScores([[{ id: 'a', score: 3 }, { id: 'b', score: 3 }]])).toEqual([
      { id: 'a', score: 1 },
      { id: 'b', score: 1 },
    ]);
  });
});
