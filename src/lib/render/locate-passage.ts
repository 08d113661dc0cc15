/**
 * Where a cited passage sits on a PDF page: the passage's text matched to the page's pdf.js text
 * items (`getTextContent()`), then rectangles over the matched characters, in PDF user space.
 *
 * Both sides are reduced to a "skeleton": letters and digits only, compatibility-decomposed
 * (ligatures ﬁ → fi, full-width forms), accents and case dropped. That makes the match blind to
 * what text extraction changes: whitespace and line breaks, hyphens the parser joined at line ends
 * ("fin-" + "anced" → "financed"), soft hyphens, quotes and dashes.
 *
 * Order: the passage is in the parser's reading order, the items are in content-stream order,
 * which differs on multi-column pages (streams often interleave the columns line by line) and
 * around running headers. So when the passage is not one run of the page's text, it is covered by
 * the longest runs that are (each at least MIN_RUN letters, so common words never match alone).
 */

/** What locating needs of a pdf.js TextItem. */
export interface LocatableItem {
  str: string;
  /** [a, b, c, d, e, f]: (e, f) is the baseline start, (a, b) the writing direction, |(c, d)| the font size. */
  transform: number[];
  /** Advance width along the writing direction, in page units. */
  width: number;
  height: number;
}

/** Characters [from, to) of item `item`'s `str` are part of the passage. */
export interface ItemSpan {
  item: number;
  from: number;
  to: number;
}

/** A rectangle in PDF user space (y up), as pdf.js's viewport.convertToViewportRectangle takes it. */
export interface PdfRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LocateOptions {
  /** Only part of the passage may be on this page (it runs over a page range). */
  partial?: boolean;
}

/** Shortest run of skeleton letters that counts as a match on its own. */
export const MIN_RUN = 12;
/** Share of the passage's letters that must be found on its (only) page. */
const MIN_COVERAGE = 0.6;
/** On one page of a range: letters that must be found (or the whole passage when shorter). */
const MIN_PARTIAL = 40;

const KEEP = /[\p{L}\p{N}]/u;

interface Skeleton {
  chars: string;
  /** For each skeleton character: the index (UTF-16) in the source string of the code point it came from. */
  at: number[];
}

/** Letters and digits only, decomposed, lower-cased, without accents, with their source positions. */
export function skeleton(text: string): Skeleton {
  let chars = '';
  const at: number[] = [];
  let i = 0;
  for (const cp of text) {
    for (const ch of cp.normalize('NFKD').toLowerCase()) {
      if (KEEP.test(ch)) {
        chars += ch;
        at.push(i);
      }
    }
    i += cp.length;
  }
  return { chars, at };
}

interface PageSkeleton {
  chars: string;
  item: number[];
  char: number[];
}

function pageSkeleton(items: readonly LocatableItem[]): PageSkeleton {
  let chars = '';
  const item: number[] = [];
  const char: number[] = [];
  items.forEach((it, n) => {
    const s = skeleton(it.str);
    chars += s.chars;
    for (const at of s.at) {
      item.push(n);
      char.push(at);
    }
  });
  return { chars, item, char };
}

/** Runs [from, to) of the page skeleton that the passage covers, in passage order. */
function matchRuns(page: string, passage: string): { runs: [number, number][]; matched: number } {
  const exact = page.indexOf(passage);
  if (exact >= 0) return { runs: [[exact, exact + passage.length]], matched: passage.length };
  if (passage.length < MIN_RUN) return { runs: [], matched: 0 };
  const where = new Map<string, number[]>();
  for (let j = 0; j < page.length; j++) {
    const c = page[j] as string;
    let list = where.get(c);
    if (!list) where.set(c, (list = []));
    list.push(j);
  }
  const runs: [number, number][] = [];
  let matched = 0;
  let pos = 0;
  let prevEnd = -1;
  while (pos < passage.length) {
    let bestAt = -1;
    let bestLen = 0;
    for (const j of where.get(passage[pos] as string) ?? []) {
      let l = 0;
      while (pos + l < passage.length && j + l < page.length && passage[pos + l] === page[j + l]) l++;
      // Longest wins; on a tie, the run that continues where the last one ended (reading on).
      if (l > bestLen || (l === bestLen && j === prevEnd)) {
        bestLen = l;
        bestAt = j;
      }
    }
    if (bestLen >= MIN_RUN) {
      runs.push([bestAt, bestAt + bestLen]);
      matched += bestLen;
      pos += bestLen;
      prevEnd = bestAt + bestLen;
    } else pos++;
  }
  return { runs, matched };
}

/**
 * The characters of `items` that show `passage`, item by item in item order; null when the passage
 * cannot be located on the page with confidence.
 */
export function locatePassage(items: readonly LocatableItem[], passage: string, options: LocateOptions = {}): ItemSpan[] | null {
  const wanted = skeleton(passage).chars;
  if (!wanted) return null;
  const page = pageSkeleton(items);
  const { runs, matched } = matchRuns(page.chars, wanted);
  const enough = options.partial ? Math.min(wanted.length, MIN_PARTIAL) : Math.max(Math.min(wanted.length, MIN_RUN), wanted.length * MIN_COVERAGE);
  if (runs.length === 0 || matched < enough) return null;

  const spans = new Map<number, ItemSpan>();
  for (const [from, to] of runs) {
    for (let j = from; j < to; j++) {
      const item = page.item[j] as number;
      const at = page.char[j] as number;
      const str = (items[item] as LocatableItem).str;
      const end = at + ((str.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
      const span = spans.get(item);
      if (!span) spans.set(item, { item, from: at, to: end });
      else {
        span.from = Math.min(span.from, at);
        span.to = Math.max(span.to, end);
      }
    }
  }
  // An item whose every letter matched is taken whole (its punctuation and spaces too).
  const firstLast = new Map<number, [number, number]>();
  for (let j = 0; j < page.item.length; j++) {
    const item = page.item[j] as number;
    const at = page.char[j] as number;
    const fl = firstLast.get(item);
    if (!fl) firstLast.set(item, [at, at]);
    else fl[1] = at;
  }
  for (const span of spans.values()) {
    const [first = 0, last = 0] = firstLast.get(span.item) ?? [];
    if (span.from <= first && span.to > last) {
      span.from = 0;
      span.to = (items[span.item] as LocatableItem).str.length;
    }
  }
  return [...spans.values()].sort((a, b) => a.item - b.item);
}

/** Share of an item's height below its baseline and above it, for a box around its glyphs. */
const DESCENT = 0.25;
const ASCENT = 0.9;

/** The box around characters [from, to) of an item (widths shared out evenly among its characters). */
function spanRect(item: LocatableItem, from: number, to: number): PdfRect {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  const size = Math.hypot(c, d) || item.height || 1;
  const along = Math.hypot(a, b) || 1;
  const ux = a / along;
  const uy = b / along;
  const up = Math.hypot(c, d);
  const vx = up ? c / up : -uy;
  const vy = up ? d / up : ux;
  const length = item.str.length || 1;
  const width = item.width > 0 ? item.width : size * 0.5 * length;
  const s = (width * from) / length;
  const t = (width * to) / length;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const along of [s, t]) {
    for (const h of [-DESCENT * size, ASCENT * size]) {
      xs.push(e + ux * along + vx * h);
      ys.push(f + uy * along + vy * h);
    }
  }
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Boxes over the spans, neighbours on one line merged into one. */
export function spanRects(items: readonly LocatableItem[], spans: readonly ItemSpan[]): PdfRect[] {
  const rects = spans
    .filter((s) => s.to > s.from && items[s.item])
    .map((s) => spanRect(items[s.item] as LocatableItem, s.from, s.to))
    .sort((p, q) => q.y1 - p.y1 || p.x0 - q.x0);
  const out: PdfRect[] = [];
  for (const r of rects) {
    const last = out[out.length - 1];
    const h = last ? Math.min(last.y1 - last.y0, r.y1 - r.y0) : 0;
    const sameLine = last && Math.abs(last.y0 - r.y0) < h * 0.3 && Math.abs(last.y1 - r.y1) < h * 0.3;
    if (last && sameLine && r.x0 - last.x1 < h * 0.8 && r.x1 - last.x0 > -h * 0.8) {
      last.x0 = Math.min(last.x0, r.x0);
      last.x1 = Math.max(last.x1, r.x1);
      last.y0 = Math.min(last.y0, r.y0);
      last.y1 = Math.max(last.y1, r.y1);
    } else out.push({ ...r });
  }
  return out;
}
