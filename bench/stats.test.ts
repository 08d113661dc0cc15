import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './stats';

describe('percentile', () => {
  it('interpolates linearly between order statistics', () => {
    // rank = 0.95 × 4 = 3.8 → 40 + 0.8 × (50 − 40)
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48, 10);
    expect(percentile([1, 2, 3, 4], 25)).toBeCloseTo(1.75, 10);
  });

  it('ignores input order and returns the extremes at 0 and 100', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(5);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('refuses empty input, NaN and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});

describe('summarize', () => {
  it('reports median, p95, min, max, mean and n', () => {
    const s = summarize([2, 8, 4, 6, 10]);
    expect(s).toEqual({ median: 6, p95: 9.6, min: 2, max: 10, mean: 6, n: 5 });
  });

  it('gives a single sample as every statistic', () => {
    expect(summarize([3])).toEqual({ median: 3, p95: 3, min: 3, max: 3, mean: 3, n: 1 });
  });
});
