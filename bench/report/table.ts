/** The table printed at the end of a run: aligned columns, one row per figure, then the suite outcomes. */
import type { SuiteStatus } from '../results';
import type { Figure } from '../figure';
import { figureCells, HEADERS } from './rows';

/** Visible width (the table uses a few non-ASCII characters that are one column wide). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, n: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, n - width(s)));
  return right ? gap + s : s + gap;
}

/** Numeric columns are right-aligned. */
const RIGHT = new Set([2, 3, 4, 5, 7]);

export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map(figureCells);
  const widths = HEADERS.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0, RIGHT.has(i))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(HEADERS), rule, ...rows.map(line)].join('\n');
}

/** How much other work shared the machine with a suite, when it matters (over 10% of the cores). */
export function sharing(s: SuiteStatus): string {
  const parts: string[] = [];
  if (s.cpuBusyBefore !== undefined && s.cpuBusyBefore > 0.15) parts.push(`CPU ${(s.cpuBusyBefore * 100).toFixed(0)}% busy at its start`);
  if (s.otherCpuDuring !== undefined && s.otherCpuDuring > 0.1) parts.push(`other processes used ${(s.otherCpuDuring * 100).toFixed(0)}% of the cores while it ran`);
  return parts.length ? `; ${parts.join(', ')}` : '';
}

export function renderOutcomes(statuses: readonly SuiteStatus[]): string {
  return statuses
    .map((s) => {
      const time = `${s.seconds.toFixed(1)} s`;
      if (s.status === 'skipped') return `${s.name}: skipped: ${s.reason ?? ''}`;
      if (s.status === 'failed') return `${s.name}: FAILED after ${time}: ${s.reason ?? ''}`;
      return `${s.name}: ok (${time}${sharing(s)})`;
    })
    .join('\n');
}
