/**
 * Document-level structure, across pages: running headers, footers and page numbers are dropped
 * (they repeat at the same height on page after page), then headings are recovered from font
 * sizes: the body size is the size most characters have; short blocks noticeably larger are
 * headings, their levels ranked by size (largest = 1).
 */
import { blockSize, blockText, type PageBlock } from './pdf-blocks';
import type { Line } from './pdf-layout';

export interface PageFlows {
  page: number;
  /** Flows of ordinary horizontal text (see readingOrder). */
  flows: Line[][];
}

/** How many rows at the top and at the bottom of a page can hold running text. */
const MARGIN_ROWS = 2;

/** Text with numbers (arabic or a lone roman numeral) made equal: "Page 3 of 9" ~ "Page 4 of 9". */
function signature(line: Line): string {
  const text = line.text.toLowerCase().replace(/\s+/gu, ' ').trim();
  const bare = /^[-–—(\s]*[ivxlcdm]+[-–—)\s.]*$/u.test(text) ? '#' : text.replace(/\p{Nd}+/gu, '#');
  return `${bare}|${Math.round(line.size)}`;
}

/**
 * The lines of the top and bottom margins: up to MARGIN_ROWS rows set apart from the rest of the
 * page by a gap of more than two lines.
 */
function marginLines(flows: readonly Line[][]): Line[] {
  const lines = flows.flat();
  const rows = new Map<number, Line[]>();
  for (const l of lines) {
    const key = Math.round(l.y);
    const list = rows.get(key);
    if (list) list.push(l);
    else rows.set(key, [l]);
  }
  const ys = [...rows.keys()].sort((a, b) => b - a);
  const size = (y: number) => Math.max(...rows.get(y)!.map((l) => l.size));
  const apart = (a: number, b: number) => Math.abs(a - b) > 2 * Math.max(size(a), size(b));
  const out: Line[] = [];
  for (const order of [ys, [...ys].reverse()]) {
    const edge = order.slice(0, MARGIN_ROWS + 1);
    let cut = -1;
    for (let i = 0; i < MARGIN_ROWS && i + 1 < edge.length; i++) if (apart(edge[i]!, edge[i + 1]!)) cut = i;
    if (cut >= 0) for (const y of edge.slice(0, cut + 1)) out.push(...rows.get(y)!);
  }
  return [...new Set(out)];
}

/**
 * The pages' flows without running lines: a margin line whose text (numbers aside) comes back at
 * the same height on at least 3 pages (2 in a document of 2–4 pages).
 */
export function dropRunningLines(pages: readonly PageFlows[]): PageFlows[] {
  if (pages.length < 2) return [...pages];
  const minPages = pages.length >= 5 ? 3 : 2;
  const bySignature = new Map<string, { page: number; line: Line }[]>();
  for (const p of pages) {
    for (const line of marginLines(p.flows)) {
      const key = signature(line);
      const list = bySignature.get(key);
      if (list) list.push({ page: p.page, line });
      else bySignature.set(key, [{ page: p.page, line }]);
    }
  }
  const running = new Set<Line>();
  for (const seen of bySignature.values()) {
    if (new Set(seen.map((s) => s.page)).size < minPages) continue;
    // Group by height: headers sit at one y on every page (odd and even pages may differ).
    const heights = new Map<number, { page: number; line: Line }[]>();
    for (const s of seen) {
      const key = Math.round(s.line.y / 8);
      for (const k of [key - 1, key, key + 1]) {
        const group = heights.get(k);
        if (group) group.push(s);
        else heights.set(k, [s]);
      }
    }
    for (const group of heights.values()) {
      if (new Set(group.map((s) => s.page)).size >= minPages) for (const s of group) running.add(s.line);
    }
  }
  return pages.map((p) => ({
    page: p.page,
    flows: p.flows.map((f) => f.filter((l) => !running.has(l))).filter((f) => f.length > 0),
  }));
}

/** The size (to half a point) that most characters of the document have. */
export function bodySize(blocks: readonly PageBlock[]): number {
  const weight = new Map<number, number>();
  for (const b of blocks) for (const l of b.lines) weight.set(Math.round(l.size * 2) / 2, (weight.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

/** How much larger than the body a heading must be. */
export const HEADING_RATIO = 1.15;

/** Short, not a sentence, mostly letters: a heading if its size says so. */
export function looksLikeHeading(text: string, lines: number): boolean {
  if (lines > 3 || text.length > 160) return false;
  const words = text.split(/\s+/u).filter(Boolean).length;
  if (words > 20) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const digits = text.match(/\p{N}/gu)?.length ?? 0;
  if (letters < 2 || letters < digits) return false;
  if (/[,;]$/u.test(text)) return false;
  if (/[.:。]$/u.test(text) && words > 5) return false;
  return true;
}

/** The font most characters are set in. */
function bodyFont(blocks: readonly PageBlock[]): string {
  const weight = new Map<string, number>();
  for (const b of blocks) for (const l of b.lines) weight.set(l.font, (weight.get(l.font) ?? 0) + l.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/**
 * Headings set in the body size (or barely larger) but another font, as bold or small-caps
 * headings are. Conservative: a one-line block of a few words, in a font that sets at least two
 * such lines and never a line of a longer block, and under 5% of the document's characters.
 */
function styleHeadings(blocks: readonly PageBlock[], body: number): boolean[] {
  const main = bodyFont(blocks);
  const total = blocks.reduce((n, b) => n + b.lines.reduce((m, l) => m + l.text.length, 0), 0);
  const uses = new Map<string, { short: number; long: number; chars: number }>();
  const styleOf = (b: PageBlock) => `${b.lines[0]!.font}|${blockSize(b)}`;
  const isShort = (b: PageBlock) => b.kind === 'paragraph' && b.lines.length === 1 && b.lines[0]!.text.split(/\s+/u).length <= 8;
  for (const b of blocks) {
    for (const l of b.lines) {
      const key = `${l.font}|${l.size}`;
      const u = uses.get(key) ?? { short: 0, long: 0, chars: 0 };
      u.chars += l.text.length;
      if (b.lines.length > 1 || b.kind !== 'paragraph') u.long++;
      uses.set(key, u);
    }
    if (isShort(b)) uses.get(styleOf(b))!.short++;
  }
  return blocks.map((b) => {
    if (!isShort(b) || b.lines[0]!.font === main) return false;
    const size = blockSize(b);
    if (size < 0.98 * body || size >= HEADING_RATIO * body) return false;
    const u = uses.get(styleOf(b))!;
    return u.short >= 2 && u.long === 0 && u.chars < 0.05 * total && looksLikeHeading(blockText(b), 1);
  });
}

/**
 * A heading level (1–6) for each block that is a heading, undefined for the others. Sizes within
 * 4% of each other share a level; headings told only by their font come one level below the
 * smallest sized heading.
 */
export function headingLevels(blocks: readonly PageBlock[], body: number): (number | undefined)[] {
  const sizes = blocks.map((b) => (b.kind === 'paragraph' ? blockSize(b) : 0));
  const candidate = blocks.map((b, i) => body > 0 && sizes[i]! >= HEADING_RATIO * body && looksLikeHeading(blockText(b), b.lines.length));
  const byStyle = body > 0 ? styleHeadings(blocks, body) : blocks.map(() => false);
  const distinct = [...new Set(sizes.filter((_, i) => candidate[i]))].sort((a, b) => b - a);
  const levelOf = new Map<number, number>();
  let level = 0;
  let top = Infinity;
  for (const size of distinct) {
    if (size < top * 0.96) {
      level++;
      top = size;
    }
    levelOf.set(size, Math.min(6, level));
  }
  return blocks.map((_, i) => (candidate[i] ? levelOf.get(sizes[i]!) : byStyle[i] ? Math.min(6, level + 1) : undefined));
}
