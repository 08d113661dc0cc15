/** Renders a Plot as a self-contained SVG line chart (no plotting library): axes, ticks, legend. */
import { fmt } from './format';
import type { Plot } from './plot';

const W = 720;
const H = 440;
const M = { left: 72, right: 200, top: 44, bottom: 56 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** About five round tick values covering [lo, hi]. */
export function linearTicks(lo: number, hi: number): number[] {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag) as number;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** 1-2-5 ticks per decade when the range is narrow, powers of ten when it is wide. */
export function logTicks(lo: number, hi: number): number[] {
  const d0 = Math.floor(Math.log10(lo));
  const d1 = Math.ceil(Math.log10(hi));
  const mults = d1 - d0 <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let d = d0; d <= d1; d++) for (const m of mults) {
    const t = m * 10 ** d;
    if (t >= lo * 0.999 && t <= hi * 1.001) out.push(Number(t.toPrecision(12)));
  }
  // Less than a decade: round linear steps read better than one lonely power of ten.
  return out.length >= 3 ? out : linearTicks(lo, hi).filter((t) => t > 0);
}

interface Axis {
  map(v: number): number;
  ticks: number[];
}

/** A few distinct x values (batch sizes, corpus sizes) are the best ticks themselves. */
function withDataTicks(a: Axis, values: number[]): Axis {
  const distinct = [...new Set(values)].sort((x, y) => x - y);
  return distinct.length <= 8 ? { ...a, ticks: distinct } : a;
}

function axis(values: number[], log: boolean, from: number, to: number, zeroBased: boolean): Axis {
  const pos = log ? values.filter((v) => v > 0) : values;
  let lo = Math.min(...pos);
  let hi = Math.max(...pos);
  if (!log && zeroBased) lo = Math.min(0, lo);
  if (lo === hi) {
    lo = log ? lo / 2 : lo - 1;
    hi = log ? hi * 2 : hi + 1;
  }
  if (log) {
    const [a, b] = [Math.log10(lo), Math.log10(hi)];
    const padLog = (b - a) * 0.05;
    const [la, lb] = [a - padLog, b + padLog];
    return { map: (v) => from + ((Math.log10(v) - la) / (lb - la)) * (to - from), ticks: logTicks(10 ** la, 10 ** lb) };
  }
  const ticks = linearTicks(lo, hi + (hi - lo) * 0.05);
  const top = Math.max(hi, ticks[ticks.length - 1] ?? hi);
  const bottom = Math.min(lo, ticks[0] ?? lo);
  return { map: (v) => from + ((v - bottom) / (top - bottom)) * (to - from), ticks };
}

export function renderSvg(plot: Plot): string {
  const series = plot.series.filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  if (xs.length === 0) throw new RangeError(`Plot "${plot.title}" has no points`);
  const x = withDataTicks(axis(xs, plot.xLog ?? false, M.left, W - M.right, false), xs);
  const y = axis(ys, plot.yLog ?? false, H - M.bottom, M.top, true);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="24" font-size="15" font-weight="600">${esc(plot.title)}</text>`,
  ];
  for (const t of y.ticks) {
    const py = y.map(t).toFixed(1);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle" fill="#444">${fmt(t)}</text>`);
  }
  for (const t of x.ticks) {
    const px = x.map(t).toFixed(1);
    out.push(`<line x1="${px}" x2="${px}" y1="${M.top}" y2="${H - M.bottom}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${px}" y="${H - M.bottom + 18}" text-anchor="middle" fill="#444">${fmt(t)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">${esc(plot.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(plot.yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] as string;
    const pts = [...s.points].sort((a, b) => a[0] - b[0]).map(([px, py]) => [x.map(px), y.map(py)] as const);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`);
    for (const [a, b] of pts) out.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3.5" fill="${color}"/>`);
    const ly = M.top + 8 + i * 20;
    out.push(`<line x1="${W - M.right + 14}" x2="${W - M.right + 36}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${W - M.right + 42}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
