import { describe, expect, it } from 'vitest';
import { countAbstentions, f1, falseAbstention, fitLogistic, fnv1a, halfOf, maxF1Threshold, precision, quantile, recall, rocAuc } from './abstention';

describe('abstention calibration arithmetic', () => {
  it('splits by a stable title hash', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(halfOf('Normans')).toBe(halfOf('Normans'));
    const halves = new Set(['Normans', 'Warsaw', 'Oxygen', 'Amazon_rainforest', 'Huguenot', 'Steam_engine'].map(halfOf));
    expect(halves.size).toBe(2);
  });

  it('fits a logistic regression that recovers a known separating direction', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rand();
      const b = rand();
      const p = 1 / (1 + Math.exp(-(-3 + 4 * a + 2 * b)));
      x.push([a, b]);
      y.push(rand() < p ? 1 : 0);
    }
    const fit = fitLogistic(x, y, 0);
    expect(fit.intercept).toBeCloseTo(-3, 0);
    expect(fit.weights[0]).toBeCloseTo(4, 0);
    expect(fit.weights[1]).toBeCloseTo(2, 0);
  });

  it('quantiles interpolate', () => {
    expect(quantile([3, 1, 2, 4, 5], 0)).toBe(1);
    expect(quantile([3, 1, 2, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.05)).toBeCloseTo(0.5, 10);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('counts precision, recall, F1 and false abstention', () => {
    const c = countAbstentions([true, true, false, false, true], [true, false, true, false, true]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(precision(c)).toBeCloseTo(2 / 3, 10);
    expect(recall(c)).toBeCloseTo(2 / 3, 10);
    expect(f1(c)).toBeCloseTo(2 / 3, 10);
    expect(falseAbstention(c)).toBe(0.5);
  });

  it('ROC AUC: 1 when every should-abstain question scores lower, 0.5 for ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
    expect(rocAuc([0.1, 0.3, 0.2, 0.4], [true, true, false, false])).toBe(0.75);
  });

  it('max-F1 threshold: abstains below it', () => {
    const best = maxF1Threshold([0.1, 0.2, 0.8, 0.9], [true, true, false, false]);
    expect(best.f1).toBe(1);
    expect(best.threshold).toBe(0.8);
    // Uninformative scores: abstaining on everything is the F1 optimum.
    expect(maxF1Threshold([0.5, 0.5], [true, false]).threshold).toBe(Infinity);
  });
});
