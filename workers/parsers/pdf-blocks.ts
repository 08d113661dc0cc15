/**
 * Lines in reading order → paragraphs and lists. A paragraph ends at a vertical gap wider than the
 * page's line spacing, a change of font size, a first-line indent, or (in justified text) a short
 * line that ends a sentence. Lines are joined with spaces, with words hyphenated at a line end put
 * back together ("infor-" + "mation" → "information"), and no space between CJK lines.
 */
import type { Line } from './pdf-layout';

export interface PageBlock {
  kind: 'paragraph' | 'list';
  page: number;
  /** Last page, when a paragraph runs on across a page break (merged by mergeContinuations). */
  pageEnd?: number;
  /** Every line of the block (list markers included). */
  lines: Line[];
  /** List items: their lines with the marker removed. */
  items?: string[][];
  ordered?: boolean;
  /** First of a flow (a column, a band, a page): may continue the block before it. */
  startsFlow: boolean;
}

/** No space is put between lines that meet in these scripts (they write without spaces). */
const NO_SPACE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef\u0e00-\u0eff]/u;
/** Compound prefixes whose hyphen stays when a line breaks after it. */
const KEEP_HYPHEN = new Set(['self', 'well', 'quasi']);

/** Join a paragraph's lines: spaces between, hyphenated words rejoined. */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const next = raw.trim();
    if (!next) continue;
    if (!out) {
      out = next;
      continue;
    }
    if (out.endsWith('\u00ad')) {
      out = out.slice(0, -1) + next;
      continue;
    }
    const hyphen = /^(\S*?)(\p{L}+)[-\u2010]$/u.exec(out.slice(out.lastIndexOf(' ') + 1));
    if (hyphen && /^\p{Ll}/u.test(next)) {
      const [, before = '', fragment = ''] = hyphen;
      const compound = /[-\u2010]/u.test(before) || KEEP_HYPHEN.has(fragment.toLowerCase()) || !/\p{Ll}$/u.test(fragment);
      out = compound ? out + next : out.slice(0, -1) + next;
      continue;
    }
    const tail = out.slice(-2);
    if (/^[\p{L}\p{N}][-\u2010]$/u.test(tail) && /^[\p{L}\p{N}]/u.test(next)) {
      out += next; // "x86-" + "64", "Jean-" + "Paul": the hyphen is part of the word
      continue;
    }
    const last = out.slice(-1);
    const noSpace = NO_SPACE.test(last) || NO_SPACE.test(next.charAt(0)) || last === '\u2013' || last === '\u2014' || last === '/';
    out += noSpace ? next : ` ${next}`;
  }
  return out.replace(CONTROL, '');
}

/** Control characters (glyph codes of fonts without a Unicode map) never reach the text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

export function blockText(block: PageBlock): string {
  return joinLines(block.lines.map((l) => l.text));
}

const BULLET = /^([•◦▪▫‣⁃●○■□►▶➢➤✓✔∙·*\uf0a7\uf0b7\uf076\uf0d8-]|–)\s+(?=\S)/u;
const NUMBERED = /^(\d{1,2})[.)]\s+(?=\S)/u;
const SENTENCE_END = /[.!?:;。！？」』”"')\]]$/u;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.trim());
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Baseline distance over font size between consecutive lines of equal size: the page's leading. */
function lineSpacing(flows: readonly Line[][]): number {
  const ratios: number[] = [];
  for (const flow of flows) {
    for (let i = 1; i < flow.length; i++) {
      const p = flow[i - 1]!;
      const c = flow[i]!;
      const dy = p.y - c.y;
      if (Math.abs(p.size - c.size) <= 0.1 * p.size && dy > 0 && dy < 3 * c.size) ratios.push(dy / c.size);
    }
  }
  return ratios.length >= 3 ? median(ratios) : 1.25;
}

interface Unit {
  lines: Line[];
  marker?: { ordered: boolean; n: number; body: string };
  startsFlow: boolean;
}

function markerOf(text: string): Unit['marker'] {
  const b = BULLET.exec(text);
  if (b) return { ordered: false, n: 0, body: text.slice(b[0].length) };
  const n = NUMBERED.exec(text);
  if (n) return { ordered: true, n: Number(n[1]), body: text.slice(n[0].length) };
  return undefined;
}

function units(flows: readonly Line[][]): Unit[] {
  const spacing = lineSpacing(flows);
  const out: Unit[] = [];
  for (const flow of flows) {
    const left = Math.min(...flow.map((l) => l.x0));
    const right = Math.max(...flow.map((l) => l.x1));
    const justified = flow.filter((l) => l.x1 >= right - l.size).length >= 0.6 * flow.length && flow.length >= 3;
    let unit: Unit | undefined;
    flow.forEach((line, i) => {
      const prev = flow[i - 1];
      const marker = markerOf(line.text);
      let brk = !prev || !unit || marker !== undefined;
      if (prev && unit && !brk) {
        const size = Math.max(prev.size, line.size);
        const dy = prev.y - line.y;
        const next = flow[i + 1];
        const indent = line.x0 - prev.x0 > 0.8 * line.size && line.x0 - left > 0.8 * line.size && line.x0 - left < 6 * line.size;
        const firstLineIndent = indent && !unit.marker && endsSentence(prev.text) && (!next || next.x0 < line.x0 - 0.5 * line.size);
        brk =
          dy <= 0 ||
          dy > Math.max(spacing * 1.3, spacing + 0.4) * Math.min(prev.size, line.size) ||
          Math.abs(prev.size - line.size) > 0.12 * size ||
          firstLineIndent ||
          (justified && !unit.marker && prev.x1 < right - 2.5 * prev.size && endsSentence(prev.text));
      }
      if (brk) {
        unit = { lines: [], startsFlow: i === 0, ...(marker ? { marker } : {}) };
        out.push(unit);
      }
      unit!.lines.push(line);
    });
  }
  return out;
}

/** Numbered items count as a list only in a run of two or more that counts up by one. */
function numberedRuns(list: readonly Unit[]): Set<Unit> {
  const keep = new Set<Unit>();
  const n = (k: number) => (list[k]?.marker?.ordered ? list[k]!.marker!.n : NaN);
  for (let i = 0; i < list.length; i++) {
    let j = i;
    while (j + 1 < list.length && n(j + 1) === n(j) + 1) j++;
    if (j > i) for (let k = i; k <= j; k++) keep.add(list[k]!);
    i = j;
  }
  return keep;
}

/** The blocks of one page, from its flows (see readingOrder). */
export function pageBlocks(flows: readonly Line[][], page: number): PageBlock[] {
  const list = units(flows);
  const numbered = numberedRuns(list);
  const blocks: PageBlock[] = [];
  for (const unit of list) {
    const isItem = unit.marker !== undefined && (!unit.marker.ordered || numbered.has(unit));
    if (!isItem) {
      blocks.push({ kind: 'paragraph', page, lines: unit.lines, startsFlow: unit.startsFlow });
      continue;
    }
    const item = [unit.marker!.body, ...unit.lines.slice(1).map((l) => l.text)];
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'list' && last.ordered === unit.marker!.ordered && !unit.startsFlow) {
      last.lines.push(...unit.lines);
      last.items!.push(item);
    } else {
      blocks.push({ kind: 'list', page, lines: [...unit.lines], items: [item], ordered: unit.marker!.ordered, startsFlow: unit.startsFlow });
    }
  }
  return blocks;
}

/** The font size most of the block's characters have. */
export function blockSize(block: PageBlock): number {
  const weight = new Map<number, number>();
  for (const l of block.lines) weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

/**
 * Paragraphs cut by a column or page break put back together: the earlier one does not end a
 * sentence, the later one starts a flow with a lowercase letter in the same font size. The merged
 * block keeps the page it starts on.
 */
export function mergeContinuations(blocks: readonly PageBlock[]): PageBlock[] {
  const out: PageBlock[] = [];
  for (const block of blocks) {
    const prev = out[out.length - 1];
    const first = block.lines[0]?.text ?? '';
    if (
      prev?.kind === 'paragraph' &&
      block.kind === 'paragraph' &&
      block.startsFlow &&
      Math.abs(blockSize(prev) - blockSize(block)) <= 0.05 * blockSize(prev) &&
      !endsSentence(prev.lines[prev.lines.length - 1]?.text ?? '') &&
      /^\p{Ll}/u.test(first)
    ) {
      const pageEnd = block.pageEnd ?? block.page;
      out[out.length - 1] = { ...prev, lines: [...prev.lines, ...block.lines], ...(pageEnd !== prev.page ? { pageEnd } : {}) };
    } else {
      out.push(block);
    }
  }
  return out;
}
