/**
 * Chunking of a structured document (blocks with pages and heading paths, from a parser): blocks
 * are grouped into sections (a heading starts one, a new page starts one unless a paragraph runs
 * on across the page break), tiny sections join their neighbour, and each section is cut with
 * `chunkText`. A chunk therefore never crosses a page or a section, except for one paragraph that
 * does; a tiny tail joins the chunk before it; and a chunk over the embedder's token limit (counted
 * with its own tokenizer, when given) is cut again, smaller.
 */
import { chunkText } from './chunk';

export interface BlockSpan {
  kind: string;
  start: number;
  end: number;
  page?: number;
  /** Last page of a block that runs on across a page break. */
  pageEnd?: number;
  headingPath: string[];
}

export interface PlacedChunk {
  index: number;
  text: string;
  start: number;
  end: number;
  /** First and last page the chunk covers (PDFs). */
  page?: number;
  pageEnd?: number;
  headingPath: string[];
}

export interface BlockChunkOptions {
  targetChars?: number;
  overlapChars?: number;
  /** Sections and tails shorter than this join a neighbour. Default 20% of the target. */
  minChars?: number;
  /** The embedder's own limit, in its tokens (special tokens and prefix included by the counter). */
  maxTokens?: number;
  countTokens?: (text: string) => number;
}

interface Section {
  start: number;
  end: number;
  firstBlock: number;
}

/** A paragraph that ends without closing punctuation and resumes in lower case runs on across the break. */
function runsOn(text: string, prev: BlockSpan, next: BlockSpan): boolean {
  if (prev.kind !== 'paragraph' || next.kind !== 'paragraph') return false;
  const tail = text.slice(Math.max(prev.start, prev.end - 3), prev.end);
  const head = text.slice(next.start, next.start + 2);
  return !/[.!?:;…。！？"”»)\]]\s*$/.test(tail) && /^\p{Ll}/u.test(head);
}

function sectionsOf(text: string, blocks: readonly BlockSpan[], minChars: number): Section[] {
  const sections: (Section & { page: number | undefined; runOn: boolean })[] = [];
  let current: (Section & { page: number | undefined; runOn: boolean }) | null = null;
  blocks.forEach((block, i) => {
    const prev = blocks[i - 1];
    const newPage = prev !== undefined && block.page !== prev.page;
    const runOn = newPage && prev !== undefined && runsOn(text, prev, block);
    const startsSection = !current || (block.kind === 'heading' && prev?.kind !== 'heading') || (newPage && !runOn);
    if (startsSection) {
      current = { start: block.start, end: block.end, firstBlock: i, page: block.page, runOn: false };
      sections.push(current);
    } else if (current) {
      current.end = block.end;
      if (runOn) current.runOn = true;
    }
  });
  // A tiny section (a lone heading, a one-line page) joins the next one on its page, else the one before.
  const merged: typeof sections = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as (typeof sections)[number];
    const next = sections[i + 1];
    if (s.end - s.start < minChars && next && next.page === s.page) {
      next.start = s.start;
      next.firstBlock = s.firstBlock;
      continue;
    }
    const last = merged[merged.length - 1];
    if (s.end - s.start < minChars && last && last.page === s.page) {
      last.end = s.end;
      continue;
    }
    merged.push(s);
  }
  return merged;
}

/** Index of the block that contains offset `at` (or the last one starting before it). */
function blockAt(blocks: readonly BlockSpan[], at: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((blocks[mid] as BlockSpan).start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function cut(text: string, start: number, end: number, target: number, overlap: number, minChars: number): { start: number; end: number }[] {
  const spans = chunkText(text.slice(start, end), { targetChars: target, overlapChars: overlap }).map((c) => ({ start: c.start + start, end: c.end + start }));
  const last = spans[spans.length - 1];
  const before = spans[spans.length - 2];
  if (last && before && last.end - last.start < minChars && last.end - before.start <= target * 1.25) {
    before.end = last.end;
    spans.pop();
  }
  return spans;
}

export function chunkBlocks(text: string, blocks: readonly BlockSpan[], opts: BlockChunkOptions = {}): PlacedChunk[] {
  const target = opts.targetChars ?? 1000;
  const overlap = opts.overlapChars ?? 150;
  const minChars = opts.minChars ?? Math.floor(target * 0.2);
  if (blocks.length === 0) return [];
  const spans: { start: number; end: number }[] = [];
  for (const section of sectionsOf(text, blocks, minChars)) {
    for (const span of cut(text, section.start, section.end, target, overlap, minChars)) {
      if (!opts.countTokens || !opts.maxTokens) {
        spans.push(span);
        continue;
      }
      // Over the token limit: cut again at a target scaled by how far over it is, until it fits.
      let pending = [span];
      for (let round = 0; round < 4 && pending.length; round++) {
        const next: { start: number; end: number }[] = [];
        for (const p of pending) {
          const tokens = opts.countTokens(text.slice(p.start, p.end));
          if (tokens <= opts.maxTokens || p.end - p.start < 16) spans.push(p);
          else {
            const smaller = Math.max(16, Math.floor(((p.end - p.start) * opts.maxTokens * 0.9) / tokens));
            next.push(...cut(text, p.start, p.end, smaller, Math.floor(smaller * 0.15), Math.floor(smaller * 0.2)));
          }
        }
        pending = next;
      }
      spans.push(...pending);
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return spans.map((s, index) => {
    const first = blocks[blockAt(blocks, s.start)] as BlockSpan;
    const last = blocks[blockAt(blocks, Math.max(s.start, s.end - 1))] as BlockSpan;
    return {
      index,
      text: text.slice(s.start, s.end),
      start: s.start,
      end: s.end,
      ...(first.page !== undefined ? { page: first.page, pageEnd: last.pageEnd ?? last.page ?? first.page } : {}),
      headingPath: first.headingPath,
    };
  });
}
