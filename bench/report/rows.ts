/** One figure as table cells; the console and markdown tables only differ in how they draw them. */
import type { Figure } from '../figure';
import { fmt, fmtRatio } from './format';

export const HEADERS = ['Suite', 'Figure', 'Median', 'p95', 'Min–max', 'n', 'Baseline / bound', 'Ratio'] as const;

export function baselineText(f: Figure): string {
  const b = f.baseline;
  if (!b) return '–';
  const value = `${fmt(b.value)} ${f.unit}`;
  switch (b.kind) {
    case 'target': {
      const sign = f.better === 'lower' ? '≤' : '≥';
      return `${b.name} ${sign} ${value} ${f.meets ? '(met)' : '(MISSED)'}`;
    }
    case 'ceiling':
      return `ceiling, ${b.name}: ${value}`;
    default:
      return `${b.name}: ${value}`;
  }
}

export function figureCells(f: Figure): string[] {
  const single = f.stats.n === 1;
  return [
    f.suite,
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    single ? '–' : fmt(f.stats.p95),
    single ? '–' : `${fmt(f.stats.min)}–${fmt(f.stats.max)}`,
    String(f.stats.n),
    baselineText(f),
    fmtRatio(f.ratio),
  ];
}
