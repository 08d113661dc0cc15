/**
 * The figure every suite reports: one measured number with its spread and what it is compared with.
 * A superset of `bench/retrieval/figure.ts` (that module's figures are accepted as they are).
 */
import type { Figure as PlainFigure } from './retrieval/figure';
import { summarize, type Stats } from './stats';

/**
 * What a baseline is: another implementation or configuration measured in the same run, a published
 * reference number, a target the project set itself (pass/fail), or a ceiling derived from
 * measured machine peaks (nothing can beat it; the ratio says how close we get).
 */
export type BaselineKind = 'measured' | 'reference' | 'target' | 'ceiling';

export interface Baseline {
  name: string;
  value: number;
  kind: BaselineKind;
}

export interface Figure {
  suite: string;
  name: string;
  unit: string;
  /** The headline number: the median of the samples. */
  value: number;
  /** Which direction is an improvement; decides whether a target is met. */
  better: 'higher' | 'lower';
  stats: Stats;
  baseline?: Baseline;
  /** value / baseline.value. */
  ratio?: number;
  /** For a target baseline: whether the value meets it. */
  meets?: boolean;
  note?: string;
}

export interface FigureInput {
  name: string;
  unit: string;
  samples: readonly number[];
  better: 'higher' | 'lower';
  baseline?: Baseline;
  note?: string;
}

function ratioOf(value: number, baseline: Baseline | undefined): number | undefined {
  if (!baseline || baseline.value === 0 || !Number.isFinite(baseline.value)) return undefined;
  return value / baseline.value;
}

/** Summarize samples into a figure; the ratio and target check follow from the baseline. */
export function figure(suite: string, input: FigureInput): Figure {
  const stats = summarize(input.samples);
  const { baseline } = input;
  const ratio = ratioOf(stats.median, baseline);
  const meets =
    baseline?.kind === 'target' ? (input.better === 'lower' ? stats.median <= baseline.value : stats.median >= baseline.value) : undefined;
  return {
    suite,
    name: input.name,
    unit: input.unit,
    value: stats.median,
    better: input.better,
    stats,
    ...(baseline ? { baseline } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(meets !== undefined ? { meets } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
}

/**
 * A figure from a suite that reports single numbers (retrieval quality): n = 1. Its baseline has no
 * kind, so the caller says which it is; its own ratio is kept.
 */
export function fromPlainFigure(f: PlainFigure, kind: BaselineKind): Figure {
  const baseline: Baseline | undefined = f.baseline ? { ...f.baseline, kind } : undefined;
  const out = figure(f.suite, { name: f.name, unit: f.unit, samples: [f.value], better: f.better ?? 'higher', ...(baseline ? { baseline } : {}), ...(f.note ? { note: f.note } : {}) });
  return f.ratio !== undefined ? { ...out, ratio: f.ratio } : out;
}
