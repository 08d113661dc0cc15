/**
 * Text items → lines, for one page. Pure geometry on pdf.js `getTextContent()` items, so it can be
 * tested on synthetic items:
 * items → runs (positioned strings in the frame of their writing direction) → rows (one baseline)
 * → lines (a row split where the horizontal gap is wide: table cells, form fields, and columns,
 * which pdf-columns.ts then puts in reading order).
 */

/** What pdf.js gives per text item (TextItem), reduced to what layout uses. */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: e, f = baseline start in PDF units (y up); |(c, d)| = font size. */
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  hasEOL?: boolean;
}

export interface Run {
  str: string;
  x0: number;
  x1: number;
  /** Baseline, y up (bigger = higher on the page). */
  y: number;
  size: number;
  font: string;
  /** Whitespace only: marks a word break, never printed. */
  space: boolean;
}

export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  /** The font size most of its characters have. */
  size: number;
  font: string;
  /** Index of its row on the page (lines of one row share a baseline). */
  row: number;
  rtl: boolean;
}

/** Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/gu;
const LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/gu;

export function isMostlyRtl(text: string): boolean {
  const rtl = text.match(RTL)?.length ?? 0;
  return rtl > 0 && rtl >= (text.match(LTR)?.length ?? 0);
}

/**
 * Runs grouped by writing direction: key 0 is ordinary horizontal text; other keys are rotated text
 * (angle in degrees, already turned into its own horizontal frame) and vertical (CJK) writing.
 */
export function toRuns(items: readonly PdfTextItem[], isVertical: (font: string) => boolean = () => false): Map<number, Run[]> {
  const frames = new Map<number, Run[]>();
  for (const item of items) {
    if (!item.str) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
    const size = Math.hypot(c, d) || item.height;
    if (!(size > 0)) continue;
    let key: number;
    let x: number;
    let y: number;
    let length: number;
    if (isVertical(item.fontName)) {
      // Top-to-bottom columns, read right to left: turn the page so a column becomes a row.
      key = 1000;
      x = -f;
      y = e;
      length = item.height || size * item.str.length;
    } else {
      const angle = Math.round((Math.atan2(b, a) * 180) / Math.PI / 5) * 5;
      key = ((angle % 360) + 360) % 360;
      const t = (key * Math.PI) / 180;
      x = e * Math.cos(t) + f * Math.sin(t);
      y = -e * Math.sin(t) + f * Math.cos(t);
      length = item.width;
    }
    const run: Run = { str: item.str, x0: x, x1: x + Math.max(0, length), y, size, font: item.fontName, space: item.str.trim() === '' };
    const list = frames.get(key);
    if (list) list.push(run);
    else frames.set(key, [run]);
  }
  return frames;
}

interface Row {
  y: number;
  size: number;
  runs: Run[];
}

/**
 * May a run join a row? Baselines within 45% of the larger font size; 60% when one is clearly
 * smaller (a superscript or subscript beside its line).
 */
function sameRow(row: Row, run: Run): boolean {
  const big = Math.max(row.size, run.size);
  const small = Math.min(row.size, run.size);
  return Math.abs(row.y - run.y) <= (small <= 0.85 * big ? 0.6 : 0.45) * big;
}

/** Runs sharing a baseline, top to bottom. */
function rows(runs: readonly Run[]): Row[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x0 - q.x0);
  const out: Row[] = [];
  let row: Row | undefined;
  for (const run of sorted) {
    if (row && sameRow(row, run)) {
      row.runs.push(run);
      if (run.size > row.size && !run.space) {
        row.y = run.y;
        row.size = run.size;
      }
    } else {
      row = { y: run.y, size: run.space ? 0 : run.size, runs: [run] };
      out.push(row);
    }
  }
  return out.flatMap(unstack).filter((r) => r.runs.some((x) => !x.space));
}

/**
 * Text stacked within one row's height (a small subtitle squeezed under a big title, labels of a
 * figure) overlaps horizontally at another baseline: such runs get a row of their own.
 */
function unstack(row: Row): Row[] {
  const overlaps = (a: Run, b: Run) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.3 * Math.min(a.x1 - a.x0, b.x1 - b.x0) && Math.abs(a.y - b.y) > 0.15 * Math.max(a.size, b.size);
  const ink = row.runs.filter((r) => !r.space).sort((a, b) => a.x0 - b.x0);
  let stacked = false;
  for (let i = 0; i < ink.length && !stacked; i++) {
    for (let j = i + 1; j < ink.length && ink[j]!.x0 < ink[i]!.x1; j++) if (overlaps(ink[i]!, ink[j]!)) stacked = true;
  }
  if (!stacked) return [row];
  const subs: Row[] = [];
  for (const run of [...row.runs].sort((a, b) => b.size - a.size || b.y - a.y)) {
    const home = run.space ? subs.find((s) => Math.abs(s.y - run.y) < 0.15 * s.size) : subs.find((s) => !s.runs.some((o) => !o.space && overlaps(o, run)));
    if (home) home.runs.push(run);
    else subs.push({ y: run.y, size: run.size, runs: [run] });
  }
  return subs.sort((a, b) => b.y - a.y);
}

/** A gap wider than this (in font sizes) ends a line: the next text is another cell or column. */
const SPLIT_GAP = 1.0;
/** A gap wider than this (in font sizes) between two runs is a word break. */
const SPACE_GAP = 0.18;

/** The printed text of runs in reading order, with spaces where the geometry shows word breaks. */
function joinRuns(runs: readonly Run[], rtl: boolean): string {
  const ordered = rtl ? [...runs].reverse() : runs;
  let text = '';
  let prev: Run | undefined;
  let pendingSpace = false;
  for (const run of ordered) {
    if (run.space) {
      pendingSpace = text !== '';
      continue;
    }
    if (prev) {
      const gap = rtl ? prev.x0 - run.x1 : run.x0 - prev.x1;
      if (pendingSpace || gap > SPACE_GAP * Math.min(prev.size, run.size)) {
        if (!/\s$/u.test(text) && !/^\s/u.test(run.str)) text += ' ';
      }
    }
    text += run.str;
    prev = run;
    pendingSpace = false;
  }
  return text.replace(/\s+/gu, ' ').trim();
}

function dominant<T>(runs: readonly Run[], key: (r: Run) => T): T | undefined {
  const weight = new Map<T, number>();
  let best: T | undefined;
  let bestWeight = -1;
  for (const r of runs) {
    if (r.space) continue;
    const k = key(r);
    const w = (weight.get(k) ?? 0) + r.str.length;
    weight.set(k, w);
    if (w > bestWeight) {
      best = k;
      bestWeight = w;
    }
  }
  return best;
}

function makeLine(runs: Run[], row: number, y: number): Line | null {
  const ink = runs.filter((r) => !r.space);
  const raw = ink.map((r) => r.str).join('');
  const rtl = isMostlyRtl(raw);
  const text = joinRuns(runs, rtl);
  if (!text) return null;
  return {
    text,
    x0: Math.min(...ink.map((r) => r.x0)),
    x1: Math.max(...ink.map((r) => r.x1)),
    y,
    size: Math.round((dominant(ink, (r) => r.size) ?? 0) * 10) / 10,
    font: dominant(ink, (r) => r.font) ?? '',
    row,
    rtl,
  };
}

/** The same string drawn twice at (almost) the same place: fake bold, shadows. */
function isEcho(run: Run, recent: readonly Run[]): boolean {
  return recent.some((p) => p.str === run.str && Math.abs(p.x0 - run.x0) < 0.3 * run.size && Math.abs(p.y - run.y) < 0.3 * run.size);
}

/** Lines of one frame (see toRuns), top to bottom, left to right within a row. */
export function buildLines(runs: readonly Run[]): Line[] {
  const lines: Line[] = [];
  rows(runs).forEach((row, index) => {
    const sorted = [...row.runs].sort((p, q) => p.x0 - q.x0);
    let current: Run[] = [];
    let right = -Infinity;
    let lastSize = 0;
    const flush = () => {
      const line = makeLine(current, index, row.y);
      if (line) lines.push(line);
      current = [];
      right = -Infinity;
    };
    for (const run of sorted) {
      if (run.space) {
        if (current.length) current.push(run);
        continue;
      }
      if (isEcho(run, current.slice(-3))) continue;
      if (current.length && run.x0 - right > SPLIT_GAP * Math.max(lastSize, run.size)) flush();
      current.push(run);
      right = Math.max(right, run.x1);
      lastSize = run.size;
    }
    flush();
  });
  return lines;
}
