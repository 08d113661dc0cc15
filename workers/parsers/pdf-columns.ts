/**
 * Reading order of a page's lines: columns are found by a vertical gap in the x-coverage of the
 * lines (a gutter that only a few full-width lines cross); the page is cut into bands at those
 * full-width lines (titles, spanning captions stay in place) and each band is read left column then
 * right column (right then left on right-to-left pages), recursively for 3+ columns.
 * The result is a list of flows: runs of lines that follow each other in one column.
 */
import type { Line } from './pdf-layout';

interface Gutter {
  x0: number;
  x1: number;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0;
}

const BIN = 1;

/** The widest low-coverage vertical strip in the middle of the lines' extent, if it separates columns. */
export function findGutter(lines: readonly Line[]): Gutter | null {
  if (lines.length < 6) return null;
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const width = right - left;
  const size = quantile(lines.map((l) => l.size), 0.5);
  if (width < 12 * size) return null;
  const bins = Math.ceil(width / BIN) + 1;
  const delta = new Int32Array(bins + 1);
  for (const l of lines) {
    delta[Math.max(0, Math.floor((l.x0 - left) / BIN))]! += 1;
    delta[Math.min(bins, Math.ceil((l.x1 - left) / BIN))]! -= 1;
  }
  const coverage = new Int32Array(bins);
  for (let i = 0, c = 0; i < bins; i++) coverage[i] = c += delta[i]!;
  const from = Math.floor((0.15 * width) / BIN);
  const to = Math.ceil((0.85 * width) / BIN);
  let min = Infinity;
  for (let i = from; i < to; i++) min = Math.min(min, coverage[i]!);
  if (min > 0.3 * lines.length) return null;
  // The widest run of bins at that minimum.
  let best: [number, number] | null = null;
  for (let i = from; i < to; i++) {
    if (coverage[i] !== min) continue;
    let j = i;
    while (j + 1 < to && coverage[j + 1] === min) j++;
    if (!best || j - i > best[1] - best[0]) best = [i, j];
    i = j;
  }
  if (!best) return null;
  // The strip may reach past the middle window.
  while (best[0] > 0 && coverage[best[0] - 1] === min) best[0]--;
  while (best[1] + 1 < bins && coverage[best[1] + 1] === min) best[1]++;
  const gutter = { x0: left + best[0] * BIN, x1: left + (best[1] + 1) * BIN };
  if (gutter.x1 - gutter.x0 < Math.max(0.8 * size, 4)) return null;
  return separates(lines, gutter, left, right) ? gutter : null;
}

/** Are there really two columns of text side by side (not a table of short cells)? */
function separates(lines: readonly Line[], g: Gutter, left: number, right: number): boolean {
  const l = lines.filter((x) => x.x1 <= g.x0 + 0.5);
  const r = lines.filter((x) => x.x0 >= g.x1 - 0.5);
  if (l.length < 3 || r.length < 3) return false;
  if (lines.length - l.length - r.length > 0.3 * lines.length) return false;
  // Columns of text are filled: a good share of their lines (figure labels aside) run most of the
  // column's width and are long (table cells and form fields are short). One filled column is enough: a text
  // column beside a sidebar of short lines is read column by column, not interleaved.
  const filled = (xs: Line[], width: number) => {
    const wide = quantile(xs.map((x) => x.x1 - x.x0), 0.75);
    return wide >= 0.5 * width && wide >= 10 * quantile(xs.map((x) => x.size), 0.5);
  };
  if (!filled(l, g.x0 - left) && !filled(r, right - g.x1)) return false;
  // Side by side: their vertical extents overlap.
  const top = (xs: Line[]) => Math.max(...xs.map((x) => x.y + x.size));
  const bottom = (xs: Line[]) => Math.min(...xs.map((x) => x.y));
  const overlap = Math.min(top(l), top(r)) - Math.max(bottom(l), bottom(r));
  const shorter = Math.min(top(l) - bottom(l), top(r) - bottom(r));
  return overlap > 0.3 * shorter;
}

/** Lines of one row joined into one (cells of a table row, a label and its value). */
function mergeRows(lines: readonly Line[]): Line[] {
  const byRow = new Map<number, Line[]>();
  for (const l of lines) {
    const list = byRow.get(l.row);
    if (list) list.push(l);
    else byRow.set(l.row, [l]);
  }
  const out: Line[] = [];
  for (const row of [...byRow.values()].sort((a, b) => b[0]!.y - a[0]!.y)) {
    if (row.length === 1) {
      out.push(row[0]!);
      continue;
    }
    const rtl = row.filter((l) => l.rtl).length * 2 > row.length;
    const sorted = [...row].sort((a, b) => (rtl ? b.x0 - a.x0 : a.x0 - b.x0));
    const main = [...row].sort((a, b) => b.text.length - a.text.length)[0]!;
    out.push({
      ...main,
      text: sorted.map((l) => l.text).join(' '),
      x0: Math.min(...row.map((l) => l.x0)),
      x1: Math.max(...row.map((l) => l.x1)),
      rtl,
    });
  }
  return out;
}

/** Flows of a page (or of one frame of it) in reading order. */
export function readingOrder(lines: readonly Line[], rtlPage = false, depth = 0): Line[][] {
  const gutter = depth < 3 ? findGutter(lines) : null;
  if (!gutter) return lines.length ? [mergeRows(lines)] : [];
  const sorted = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const flows: Line[][] = [];
  let left: Line[] = [];
  let right: Line[] = [];
  let full: Line[] = [];
  const flushColumns = () => {
    const [first, second] = rtlPage ? [right, left] : [left, right];
    flows.push(...readingOrder(first, rtlPage, depth + 1), ...readingOrder(second, rtlPage, depth + 1));
    left = [];
    right = [];
  };
  const flushFull = () => {
    if (full.length) flows.push(mergeRows(full));
    full = [];
  };
  for (const line of sorted) {
    if (line.x1 <= gutter.x0 + 0.5) {
      flushFull();
      left.push(line);
    } else if (line.x0 >= gutter.x1 - 0.5) {
      flushFull();
      right.push(line);
    } else {
      flushColumns();
      full.push(line);
    }
  }
  flushColumns();
  flushFull();
  return flows.filter((f) => f.length > 0);
}
