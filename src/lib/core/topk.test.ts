import { describe, expect, it } from 'vitest';
import { mulberry32 } from './fixtures/random';
import { TopK } from './topk';


describe('TopK', () => {
  it('keeps exactly the k largest scores, best first', () => {
    const rand = mulberry32(7);
    const scores = Array.from({ length: 1000 }, () => rand());
    const heap = new TopK(10);
    scores.forEach((s, i) => heap.push(i, s));
    const expected = scores
      .map((score, item) => ({ item, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    expect(heap.sorted()).toEqual(expected);
  });

  it('breaks ties towards the smaller item, like a stable sort', () => {
    const heap = new TopK(2);
    for (const item of [5, 3, 9, 1]) heap.push(item, 1);
    expect(heap.sorted().map((e) => e.item)).toEqual([1, 3]);
  });

  it('handles k = 0, fewer items than k, and ignores NaN', () => {
    const empty = new TopK(0);
    empty.push(1, 5);
    expect(empty.sorted()).toEqual([]);
    const heap = new TopK(5);
    heap.push(1, 0.5);
    heap.push(2, Number.NaN);
    heap.push(3, -2);
    expect(heap.sorted()).toEqual([
      { item: 1, score: 0.5 },
      { item: 3, score: -2 },
    ]);
    expect(heap.threshold).toBe(-Infinity);
  });
});
