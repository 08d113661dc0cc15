import { describe, expect, it } from 'vitest';
import { cpuThreads } from './threads';

describe('cpuThreads', () => {
  it('uses one thread without cross-origin isolation (no SharedArrayBuffer)', () => {
    expect(cpuThreads(8, false)).toBe(1);
  });
  it('uses every core of a small device, half the cores from four up, at most eight', () => {
    expect([1, 2, 3, 4, 6, 8, 12, 32].map((c) => cpuThreads(c, true))).toEqual([1, 2, 2, 2, 3, 4, 6, 8]);
  });
  it('falls back to one thread when the core count is unknown', () => {
    expect(cpuThreads(Number.NaN, true)).toBe(1);
    expect(cpuThreads(0, true)).toBe(1);
  });
});
