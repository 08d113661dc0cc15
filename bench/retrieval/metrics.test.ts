import { describe, expect, it } from 'vitest';
import { mean, ndcgAtK, reciprocalRankAtK, recallAtK } from './metrics';

const qrels = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('ndcgAtK', () => {
  it('is 1 for an ideal ranking and 0 when nothing relevant is retrieved', () => {
    expect(ndcgAtK(['a', 'b', 'x'], qrels({ a: 1, b: 1 }), 10)).toBe(1);
    expect(ndcgAtK(['x', 'y'], qrels({ a: 1 }), 10)).toBe(0);
  });

  it('discounts by log2(rank + 1)', () => {
    // Relevant doc at rank 2 of one relevant: DCG = 1/log2(3), IDCG = 1.
    expect(ndcgAtK(['x', 'a'], qrels({ a: 1 }), 10)).toBeCloseTo(1 / Math.log2(3), 12);
    // Two relevant at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2(3)).
    expect(ndcgAtK(['a', 'x', 'b'], qrels({ a: 1, b: 1 }), 10)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 12);
  });

  it('uses graded relevance with linear gain, and cuts the ideal ranking at k too', () => {
    // Ranking b(1), a(2): DCG = 1 + 2/log2(3); ideal a(2), b(1): 2 + 1/log2(3).
    expect(ndcgAtK(['b', 'a'], qrels({ a: 2, b: 1 }), 10)).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)), 12);
    // Three relevant, k = 1: the top hit is relevant → 1 (not 1/3).
    expect(ndcgAtK(['a', 'b', 'c'], qrels({ a: 1, b: 1, c: 1 }), 1)).toBe(1);
    // A relevant doc below the cut does not count.
    expect(ndcgAtK(['x', 'a'], qrels({ a: 1 }), 1)).toBe(0);
  });
});

describe('recallAtK', () => {
  it('is the fraction of relevant docs in the top k', () => {
    expect(recallAtK(['a', 'x', 'b', 'c'], qrels({ a: 1, b: 1, c: 1, d: 1 }), 3)).toBe(0.5);
    expect(recallAtK(['x', 'a'], qrels({ a: 1 }), 1)).toBe(0);
    expect(recallAtK(['x', 'a'], qrels({ a: 1 }), 2)).toBe(1);
  });

  it('ignores judgments of 0 and is 0 when nothing is relevant', () => {
    expect(recallAtK(['a'], qrels({ a: 1, z: 0 }), 1)).toBe(1);
    expect(recallAtK(['a'], qrels({ z: 0 }), 1)).toBe(0);
  });
});

describe('reciprocalRankAtK', () => {
  it('is 1/rank of the first relevant doc within k', () => {
    expect(reciprocalRankAtK(['x', 'y', 'a', 'b'], qrels({ a: 1, b: 1 }), 10)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRankAtK(['a'], qrels({ a: 1 }), 10)).toBe(1);
    expect(reciprocalRankAtK(['x', 'y', 'a'], qrels({ a: 1 }), 2)).toBe(0);
  });

  it('averages into MRR', () => {
    const rr = [['a'], ['x', 'a'], ['x', 'y']].map((r) => reciprocalRankAtK(r, qrels({ a: 1 }), 10));
    expect(mean(rr)).toBeCloseTo((1 + 0.5 + 0) / 3, 12);
    expect(mean([])).toBe(0);
  });
});
