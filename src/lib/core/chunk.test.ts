import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk';
import type { ChunkSpan } from './types';

const SENTENCES = [
  'The river rose quickly after the storm.',
  'Farmers moved their cattle to higher ground.',
  'By morning the bridge was closed to traffic.',
  'Engineers inspected the pillars for damage.',
  'Most of the town stayed dry thanks to the new levee.',
];

function prose(paragraphs: number, sentencesPer: number, sep = '\n\n'): string {
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const s: string[] = [];
    for (let i = 0; i < sentencesPer; i++) s.push(`${SENTENCES[(p + i) % SENTENCES.length]!.slice(0, -1)} (${p}.${i}).`);
    out.push(s.join(' '));
  }
  return out.join(sep);
}

function checkInvariants(text: string, chunks: ChunkSpan[], target: number): void {
  chunks.forEach((c, i) => {
    expect(c.index).toBe(i);
    expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(c.text).toBe(c.text.trim());
    expect(c.text.length).toBeGreaterThan(0);
    expect(c.text.length).toBeLessThanOrEqual(target);
    if (i > 0) {
      const prev = chunks[i - 1]!;
      expect(c.start).toBeGreaterThan(prev.start);
      expect(c.end).toBeGreaterThan(prev.end);
      // No gap: every non-space character is in some chunk.
      expect(text.slice(prev.end, c.start).trim()).toBe('');
    }
  });
  if (chunks.length > 0) {
    expect(text.slice(0, chunks[0]!.start).trim()).toBe('');
    expect(text.slice(chunks[chunks.length - 1]!.end).trim()).toBe('');
  }
}

/** A cut is "between words" if it is at the text's edge or next to whitespace. */
function atWordBoundary(text: string, pos: number): boolean {
  return pos === 0 || pos === text.length || /\s/.test(text[pos - 1]!) || /\s/.test(text[pos]!);
}

describe('chunkText', () => {
  it('returns [] for empty or whitespace-only input', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText(' \n\r\n\t  ')).toEqual([]);
  });

  it('keeps a short text as one trimmed chunk with exact offsets', () => {
    const text = '\n\n  Hello world.  \n';
    expect(chunkText(text)).toEqual([{ index: 0, text: 'Hello world.', start: 4, end: 16 }]);
  });

  it('holds the offset, size and coverage invariants on long prose', () => {
    const text = prose(40, 6);
    const chunks = chunkText(text, { targetChars: 500, overlapChars: 100 });
    expect(chunks.length).toBeGreaterThan(10);
    checkInvariants(text, chunks, 500);
  });

  it('cuts at paragraph breaks when one is in reach, and never mid-word', () => {
    const text = prose(12, 3);
    const chunks = chunkText(text, { targetChars: 400, overlapChars: 0 });
    for (const c of chunks) {
      expect(atWordBoundary(text, c.start)).toBe(true);
      expect(atWordBoundary(text, c.end)).toBe(true);
      // With no overlap every chunk starts a paragraph and ends one.
      expect(c.start === 0 || text.slice(c.start - 2, c.start) === '\n\n').toBe(true);
      expect(c.end === text.length || text.slice(c.end, c.end + 2) === '\n\n').toBe(true);
    }
  });

  it('falls back to sentence boundaries inside a long paragraph', () => {
    const text = prose(1, 40);
    const chunks = chunkText(text, { targetChars: 300, overlapChars: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.text.endsWith('.')).toBe(true);
  });

  it('overlaps by whole sentences from the end of the previous chunk', () => {
    const text = prose(1, 60);
    const chunks = chunkText(text, { targetChars: 400, overlapChars: 120 });
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!;
      const cur = chunks[i]!;
      expect(cur.start).toBeLessThan(prev.end);
      expect(prev.end - cur.start).toBeLessThanOrEqual(120);
      // The overlap starts at a sentence start.
      expect(text.slice(cur.start - 2, cur.start)).toBe('. ');
    }
  });

  it('overlaps by whole words when the text has no sentence ends', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkText(text, { targetChars: 200, overlapChars: 50 });
    checkInvariants(text, chunks, 200);
    for (let i = 1; i < chunks.length; i++) {
      const overlap = chunks[i - 1]!.end - chunks[i]!.start;
      expect(overlap).toBeGreaterThan(0);
      expect(overlap).toBeLessThanOrEqual(50);
      expect(atWordBoundary(text, chunks[i]!.start)).toBe(true);
    }
  });

  it('starts a new chunk at a Markdown heading', () => {
    const section = (title: string) => `## ${title}\n\n${prose(1, 5)}`;
    const text = `# Guide\n\n${prose(1, 3)}\n\n${section('Install')}\n\n${section('Configure')}`;
    const chunks = chunkText(text, { targetChars: 600, overlapChars: 100 });
    const starts = chunks.map((c) => c.text.split('\n')[0]);
    expect(starts).toContain('## Install');
    expect(starts).toContain('## Configure');
    // No chunk swallows a heading in its middle when it could have started there.
    for (const c of chunks) expect(c.text.slice(1).includes('\n## ')).toBe(false);
  });

  it('handles CRLF line endings without leaving \\r in chunk edges', () => {
    const text = prose(10, 3, '\r\n\r\n');
    const chunks = chunkText(text, { targetChars: 300, overlapChars: 60 });
    checkInvariants(text, chunks, 300);
    for (const c of chunks) expect(/^\r|\r$/.test(c.text)).toBe(false);
  });

  it('cuts inside a word only when the word is longer than the target', () => {
    const text = `short words ${'x'.repeat(2500)} tail words`;
    const chunks = chunkText(text, { targetChars: 1000, overlapChars: 100 });
    checkInvariants(text, chunks, 1000);
    expect(chunks[0]!.text).toBe('short words');
    expect(chunks.some((c) => c.text === 'x'.repeat(1000))).toBe(true);
    expect(chunks[chunks.length - 1]!.text.endsWith('tail words')).toBe(true);
  });

  it('never splits a surrogate pair on a forced cut', () => {
    const text = '😀'.repeat(700);
    for (const c of chunkText(text, { targetChars: 101, overlapChars: 0 })) {
      expect(c.text.length % 2).toBe(0);
    }
  });

  it('cuts CJK text at 。 even without spaces', () => {
    const text = '東京は日本の首都です。'.repeat(60);
    const chunks = chunkText(text, { targetChars: 100, overlapChars: 0 });
    checkInvariants(text, chunks, 100);
    for (const c of chunks) expect(c.text.endsWith('。')).toBe(true);
  });

  it('holds its invariants on random messy text (fuzz)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['word', 'Longerword', 'a', '.', '!', ' ', '  ', '\n', '\r\n', '\n\n', '\n## Head ', '。', '東京', '😀', '\t', '"', 'x'.repeat(120)];
    for (let round = 0; round < 200; round++) {
      let text = '';
      const len = Math.floor(rand() * 400);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(rand() * pieces.length)]!;
      const target = 20 + Math.floor(rand() * 200);
      const overlap = Math.floor(rand() * target);
      const chunks = chunkText(text, { targetChars: target, overlapChars: overlap });
      checkInvariants(text, chunks, target);
      for (const c of chunks) {
        for (const edge of [c.start, c.end]) {
          if (atWordBoundary(text, edge) || /[。]/.test(text[edge - 1] ?? '')) continue;
          // A cut inside a word is allowed only inside a word longer than the target.
          let a = edge;
          let b = edge;
          while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
          while (b < text.length && !/\s/.test(text[b]!)) b++;
          expect(b - a).toBeGreaterThan(target);
        }
      }
    }
  });

  it('chunks 5 MB in well under a second or two (linear time)', () => {
    const text = prose(6000, 20);
    const big = text.repeat(Math.ceil(5_000_000 / text.length));
    const t0 = performance.now();
    const chunks = chunkText(big);
    const ms = performance.now() - t0;
    expect(chunks.length).toBeGreaterThan(4000);
    expect(ms).toBeLessThan(2000);
    const last = chunks[chunks.length - 1]!;
    expect(big.slice(last.start, last.end)).toBe(last.text);
  });
});
