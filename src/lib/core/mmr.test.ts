import { describe, expect, it } from 'vitest';
import { mmr } from './mmr';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('mmr', () => {
  // a and a2 are near-duplicates; b is less relevant but different.
  const candidates = [
    { id: 'a', score: 1.0, vector: v(1, 0, 0) },
    { id: 'a2', score: 0.95, vector: v(0.99, 0.14, 0) },
    { id: 'b', score: 0.6, vector: v(0, 1, 0) },
    { id: 'c', score: 0.1, vector: v(0, 0, 1) },
  ];

  it('skips a near-duplicate in favour of a different passage', () => {
    expect(mmr(candidates, 3, 0.7).map((h) => h.id)).toEqual(['a', 'b', 'a2']);
  });

  it('is plain relevance order at lambda = 1', () => {
    expect(mmr(candidates, 4, 1).map((h) => h.id)).toEqual(['a', 'a2', 'b', 'c']);
  });

  it('at lambda = 0 picks the most dissimilar next', () => {
    expect(mmr(candidates, 3, 0).map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the original scores and handles k larger than the pool or empty input', () => {
    const out = mmr(candidates, 10);
    expect(out).toHaveLength(4);
    expect(out.find((h) => h.id === 'b')!.score).toBe(0.6);
    expect(mmr([], 3)).toEqual([]);
    expect(mmr(candidates, 0)).toEqual([]);
  });
});
