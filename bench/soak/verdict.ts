/**
 * Whether memory levelled off, and how the time per question moved. Pure functions of the samples,
 * so the rule is tested on its own (verdict.test.ts).
 *
 * The rule, for each judged metric: the growth over the second half of the questions must be below
 * half the growth over the first half, or below a small absolute floor (noise: allocator slack,
 * a compiled function more or less). The first half is measured from the sample after the first
 * answer, not from before it: the first question downloads and loads the model, a one-off step
 * that would otherwise hide a real per-question leak behind a large first-half growth.
 * Memory that grows by the same amount per question in both halves fails, whatever its size.
 */
import { median } from '../stats';

export interface MetricRule {
  /** Key into the sample's numbers. */
  metric: string;
  /** Growth below this many bytes in the second half passes whatever the first half did. */
  floorBytes: number;
}

export interface Growth {
  metric: string;
  /** After the first answer, at half the questions, at the end (bytes). */
  first: number;
  half: number;
  end: number;
  firstHalfGrowth: number;
  secondHalfGrowth: number;
  /** The second half's allowance: max(first-half growth / 2, floor). */
  allowed: number;
  /** Least-squares slope over the samples of the second half, bytes per question. */
  slopePerQuestion: number;
  leveledOff: boolean;
}

export interface Point {
  questions: number;
  bytes: number;
}

/** Least-squares slope of bytes over questions (0 for fewer than two distinct points). */
export function slope(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((a, p) => a + p.questions, 0) / points.length;
  const my = points.reduce((a, p) => a + p.bytes, 0) / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.questions - mx) * (p.bytes - my);
    den += (p.questions - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * `curve`: the metric after the first answer, at the checkpoints, and at the end, by question count.
 * `half` and `end` are question counts that must be in the curve.
 */
export function judgeGrowth(metric: string, curve: readonly Point[], half: number, end: number, floorBytes: number): Growth {
  const sorted = [...curve].sort((a, b) => a.questions - b.questions);
  const at = (q: number) => {
    const p = sorted.find((x) => x.questions === q);
    if (!p) throw new Error(`No ${metric} sample at ${q} questions (samples at ${sorted.map((x) => x.questions).join(', ')})`);
    return p.bytes;
  };
  const firstPoint = sorted[0];
  if (!firstPoint) throw new Error(`No ${metric} samples to judge`);
  const first = firstPoint.bytes;
  const halfBytes = at(half);
  const endBytes = at(end);
  const firstHalfGrowth = halfBytes - first;
  const secondHalfGrowth = endBytes - halfBytes;
  const allowed = Math.max(firstHalfGrowth / 2, floorBytes);
  return {
    metric,
    first,
    half: halfBytes,
    end: endBytes,
    firstHalfGrowth,
    secondHalfGrowth,
    allowed,
    slopePerQuestion: slope(sorted.filter((p) => p.questions >= half)),
    leveledOff: secondHalfGrowth <= allowed,
  };
}

export interface Timing {
  /** Questions in each window (50, or half the questions in a shorter run). */
  window: number;
  firstMedianMs: number;
  lastMedianMs: number;
  /** last / first: above 1 is slower at the end. */
  ratio: number;
}

/** Windows at both ends of the run: 50 questions, or half the run when it is shorter, so they never overlap. */
export function windowSize(count: number): number {
  return Math.min(50, Math.floor(count / 2));
}

export function timing(msPerQuestion: readonly number[]): Timing {
  const window = windowSize(msPerQuestion.length);
  if (window < 1) throw new Error(`Need at least 2 timed questions, got ${msPerQuestion.length}`);
  const firstMedianMs = median(msPerQuestion.slice(0, window));
  const lastMedianMs = median(msPerQuestion.slice(-window));
  return { window, firstMedianMs, lastMedianMs, ratio: lastMedianMs / firstMedianMs };
}

/**
 * The model's own first-token time over the same two windows, for the answers it wrote: when the time
 * per question moves, this says whether the engine moved (or the shared CPU) or the rest of the app.
 */
export function engineFirstToken(perQuestion: readonly (number | undefined)[]): { firstMedianMs: number | null; lastMedianMs: number | null } {
  const window = windowSize(perQuestion.length);
  const med = (xs: readonly (number | undefined)[]) => {
    const known = xs.filter((x): x is number => x !== undefined);
    return known.length ? median(known) : null;
  };
  return { firstMedianMs: med(perQuestion.slice(0, window)), lastMedianMs: med(perQuestion.slice(-window)) };
}

export function describeRule(rules: readonly MetricRule[]): string {
  const floors = rules.map((r) => `${r.metric} ${(r.floorBytes / 2 ** 20).toFixed(0)} MiB`).join(', ');
  return `memory levels off when, for each metric, growth from half to all questions ≤ max(half the growth from the first answer to half the questions, floor: ${floors})`;
}
