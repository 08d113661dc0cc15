/** `latest.md`: the machine, the figures as a GitHub table, and what was skipped; pasted into the README. */
import type { BenchResults } from '../results';
import { figureCells, HEADERS } from './rows';
import { sharing } from './table';

function escape(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const gib = (m.memoryBytes / 1024 ** 3).toFixed(0);
  const versions = Object.entries(m.packages)
    .map(([name, v]) => `${name} ${v}`)
    .join(', ');
  const lines = [
    `Measured ${r.date.slice(0, 10)} on ${m.cpuModel} (${m.cores} cores), ${gib} GiB RAM, ${m.os}; ` +
      `Node ${m.node}${m.chromium ? `, Chromium ${m.chromium}` : ''}${r.options.quick ? ' — QUICK MODE, sizes too small to mean anything' : ''}.`,
    `Packages: ${versions}.${m.commit ? ` Commit ${m.commit}.` : ''} Load average at start ${m.loadAverage.start.join(' / ')}, at end ${m.loadAverage.end.join(' / ')}.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map((_, i) => (i >= 2 && i !== 6 ? '---:' : '---')).join(' | ')} |`,
    ...r.figures.map((f) => `| ${figureCells(f).map(escape).join(' | ')} |`),
  ];
  const notes = r.suites.flatMap((s) => [
    ...s.notes.map((n) => `- ${s.name}: ${n}`),
    ...(sharing(s) ? [`- ${s.name}: shared the machine${sharing(s).replace(/^;/, ':')}; its figures may be pessimistic`] : []),
  ]);
  const oneLine = (t: string) => t.replace(/\s*\n\s*/g, ' ');
  const skipped = r.suites.filter((s) => s.status !== 'ok').map((s) => `- ${s.name}: ${s.status === 'skipped' ? 'skipped' : 'FAILED'}: ${oneLine(s.reason ?? '')}`);
  if (notes.length) lines.push('', 'Notes:', ...notes);
  if (skipped.length) lines.push('', 'Not measured:', ...skipped);
  if (r.plots.length) lines.push('', ...r.plots.map((p) => `![${p}](bench/results/${p})`));
  lines.push('', `Median, p95 and min–max over n repeated runs after a warm-up; ratio = median / baseline. Whole run: ${r.wallSeconds.toFixed(0)} s.`);
  return `${lines.join('\n')}\n`;
}
