import { describe, expect, it } from 'vitest';
import { judgeGrowth, slope, timing } from './verdict';

const MiB = 2 ** 20;
const curve = (f: (q: number) => number) => [1, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((q) => ({ questions: q, bytes: f(q) }));

describe('judgeGrowth', () => {
  it('passes memory that rises early and then stays flat', () => {
    const g = judgeGrowth('heap', curve((q) => (q < 300 ? 20 * MiB + q * 30_000 : 29 * MiB)), 500, 1000, 2 * MiB);
    expect(g.leveledOff).toBe(true);
    expect(g.secondHalfGrowth).toBe(0);
  });

  it('fails memory that grows by the same amount per question in both halves, above the floor', () => {
    // 10 KiB per question: ~5 MiB per half.
    const g = judgeGrowth('heap', curve((q) => 20 * MiB + q * 10_240), 500, 1000, 2 * MiB);
    expect(g.leveledOff).toBe(false);
    expect(g.slopePerQuestion).toBeCloseTo(10_240, 0);
  });

  it('passes steady growth that stays under the floor (noise, not a leak worth failing)', () => {
    const g = judgeGrowth('heap', curve((q) => 20 * MiB + q * 1_000), 500, 1000, 2 * MiB);
    expect(g.secondHalfGrowth).toBeLessThan(2 * MiB);
    expect(g.leveledOff).toBe(true);
  });

  it('measures the first half from the first answer, so the model load does not excuse a leak', () => {
    // The first sample (after the model loaded) is the baseline; the 100 MiB before it is not seen.
    const g = judgeGrowth('rss', curve((q) => 600 * MiB + q * 40_000), 500, 1000, 16 * MiB);
    expect(g.first).toBe(600 * MiB + 40_000);
    expect(g.leveledOff).toBe(false);
  });

  it('says which sample is missing', () => {
    expect(() => judgeGrowth('heap', [{ questions: 1, bytes: 0 }], 500, 1000, MiB)).toThrow(/No heap sample at 500 questions/);
  });
});

describe('slope', () => {
  it('is the least-squares bytes per question', () => {
    expect(slope([{ questions: 0, bytes: 0 }, { questions: 10, bytes: 100 }, { questions: 20, bytes: 200 }])).toBeCloseTo(10);
    expect(slope([{ questions: 5, bytes: 1 }])).toBe(0);
  });
});

describe('timing', () => {
  it('compares the medians of the first and last 50', () => {
    const ms = [...Array.from({ length: 50 }, () => 100), ...Array.from({ length: 900 }, () => 150), ...Array.from({ length: 50 }, () => 200)];
    expect(timing(ms)).toEqual({ window: 50, firstMedianMs: 100, lastMedianMs: 200, ratio: 2 });
  });

  it('uses halves in a short run, so the two windows never overlap', () => {
    expect(timing([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).window).toBe(5);
  });
});
