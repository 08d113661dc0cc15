import { describe, expect, it } from 'vitest';
import { chooseBudget, upperHull, type CurvePoint } from './budget-rule';

const p = (budget: number, tokens: number, recall: number): CurvePoint => ({ budget, tokens, recall });

describe('chooseBudget', () => {
  it('stops where the hull falls below the threshold (a knee)', () => {
    // Slopes along the hull: 200, 40, 5, 4 points per 1,000 tokens.
    const curve = [p(500, 100, 0.5), p(1000, 200, 0.7), p(1500, 300, 0.74), p(2000, 500, 0.75), p(2500, 750, 0.76)];
    const choice = chooseBudget(curve, 10);
    expect(choice.budget).toBe(1500);
    expect(choice.steps.map((s) => Math.round(s.pointsPer1k))).toEqual([200, 40, 5, 4]);
    expect(chooseBudget(curve, 4.5).budget).toBe(2000);
    expect(chooseBudget(curve, 1000).budget).toBe(500);
  });

  it('looks through the zig-zag of whole passages: a dip then a jump is one segment', () => {
    // 1500 adds nothing over 1000 (no further passage fits); 2000 adds one that carries answers.
    const curve = [p(500, 100, 0.5), p(1000, 200, 0.6), p(1500, 220, 0.6), p(2000, 400, 0.7), p(2500, 600, 0.71)];
    expect(upperHull(curve).map((x) => x.budget)).toEqual([500, 1000, 2000, 2500]);
    // The raw step 1000 → 1500 buys 0 points, yet the budget goes on to 2000 (50 points per 1,000 tokens).
    expect(chooseBudget(curve, 10).budget).toBe(2000);
  });

  it('takes the smallest budget of those that send the same', () => {
    const plateau = [p(500, 100, 0.5), p(1000, 300, 0.8), p(1500, 300, 0.8), p(2000, 300, 0.8)];
    expect(chooseBudget(plateau, 10).budget).toBe(1000);
  });
});
