/**
 * The arithmetic of abstention calibration (bench/suites/abstention.ts): a deterministic split by
 * article, a small logistic regression, the false-abstention threshold, and the figures of merit.
 * Pure, so it is unit-tested on its own.
 */

/** FNV-1a, 32 bits: a stable hash of an article's title, so every paragraph of one article lands in one half. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Half = 'calibration' | 'held-out';

/** Even hash: calibration; odd: held out. */
export function halfOf(title: string): Half {
  return (fnv1a(title) & 1) === 0 ? 'calibration' : 'held-out';
}

export interface LogisticFit {
  intercept: number;
  weights: number[];
}

/** Solve A x = b (small, dense, symmetric positive definite here) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = (m[c] as number[])[c] as number;
    if (Math.abs(pivot) < 1e-12) throw new Error('logistic fit: singular system');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}

/**
 * L2-regularised logistic regression by Newton's method (IRLS): P(y = 1 | x) = sigmoid(b + w·x).
 * `lambda` penalises the weights, not the intercept.
 */
export function fitLogistic(x: readonly number[][], y: readonly number[], lambda = 0.1, iterations = 50): LogisticFit {
  const d = (x[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((row, i) => {
      const v = [1, ...row];
      const p = 1 / (1 + Math.exp(-v.reduce((s, xi, j) => s + xi * (w[j] as number), 0)));
      const r = p - (y[i] as number);
      const h = p * (1 - p);
      for (let j = 0; j < d; j++) {
        grad[j] = (grad[j] as number) + r * (v[j] as number);
        const hj = hess[j] as number[];
        for (let k = 0; k < d; k++) hj[k] = (hj[k] as number) + h * (v[j] as number) * (v[k] as number);
      }
    });
    for (let j = 1; j < d; j++) {
      grad[j] = (grad[j] as number) + lambda * (w[j] as number);
      (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + lambda;
    }
    const step = solve(hess, grad);
    w = w.map((wj, j) => wj - (step[j] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { intercept: w[0] as number, weights: w.slice(1) };
}

/** The q-quantile (0 … 1) by linear interpolation between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

export interface AbstentionCounts {
  /** Should abstain (unanswerable) and did. */
  tp: number;
  /** Answerable, yet abstained. */
  fp: number;
  /** Should abstain, answered. */
  fn: number;
  /** Answerable and answered. */
  tn: number;
}

/** `shouldAbstain[i]` is the truth, `abstained[i]` the decision. */
export function countAbstentions(shouldAbstain: readonly boolean[], abstained: readonly boolean[]): AbstentionCounts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  shouldAbstain.forEach((truth, i) => {
    const did = abstained[i] === true;
    if (truth && did) c.tp++;
    else if (!truth && did) c.fp++;
    else if (truth) c.fn++;
    else c.tn++;
  });
  return c;
}

export const precision = (c: AbstentionCounts): number => (c.tp + c.fp === 0 ? NaN : c.tp / (c.tp + c.fp));
export const recall = (c: AbstentionCounts): number => (c.tp + c.fn === 0 ? NaN : c.tp / (c.tp + c.fn));
export const f1 = (c: AbstentionCounts): number => {
  const p = precision(c);
  const r = recall(c);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
};
/** Share of the answerable questions that abstained. */
export const falseAbstention = (c: AbstentionCounts): number => (c.fp + c.tn === 0 ? NaN : c.fp / (c.fp + c.tn));

/**
 * ROC AUC of "abstain when the score is low": the probability that a random question that should
 * abstain scores below a random one that should not (ties count half).
 */
export function rocAuc(scores: readonly number[], shouldAbstain: readonly boolean[]): number {
  const order = scores.map((s, i) => ({ s, pos: shouldAbstain[i] === true })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && (order[j] as { s: number }).s === (order[i] as { s: number }).s) j++;
    const midRank = (i + j + 1) / 2; // 1-based average rank of the tie group
    for (let k = i; k < j; k++) if ((order[k] as { pos: boolean }).pos) {
      rankSum += midRank;
      positives++;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  // Low scores rank first, so positives with small ranks are "correctly low".
  return 1 - (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The threshold that maximises abstention F1 (abstain when score < threshold), over the observed scores. */
export function maxF1Threshold(scores: readonly number[], shouldAbstain: readonly boolean[]): { threshold: number; f1: number } {
  const order = scores.map((s, i) => ({ s, pos: shouldAbstain[i] === true })).sort((a, b) => a.s - b.s);
  const positives = order.filter((o) => o.pos).length;
  let best = { threshold: -Infinity, f1: 0 };
  let tp = 0;
  let abstained = 0;
  // Abstaining below order[i].s takes exactly the first i questions (after whole tie groups).
  for (let i = 0; i <= order.length; ) {
    const threshold = i < order.length ? (order[i] as { s: number }).s : Infinity;
    const score = abstained + positives === 0 ? 0 : (2 * tp) / (abstained + positives);
    if (score > best.f1) best = { threshold, f1: score };
    if (i === order.length) break;
    let j = i;
    while (j < order.length && (order[j] as { s: number }).s === threshold) {
      if ((order[j] as { pos: boolean }).pos) tp++;
      abstained++;
      j++;
    }
    i = j;
  }
  return best;
}
