import { describe, expect, it } from 'vitest';
import { blockText, type PageBlock } from './pdf-blocks';
import type { Line } from './pdf-layout';
import { bodySize, dropRunningLines, headingLevels, looksLikeHeading, type PageFlows } from './pdf-structure';

let row = 0;
function line(text: string, y: number, size = 10): Line {
  return { text, x0: 72, x1: 72 + text.length * size * 0.5, y, size, font: 'f', row: row++, rtl: false };
}

function block(text: string, size: number, page = 1, lines = 1): PageBlock {
  return { kind: 'paragraph', page, lines: Array.from({ length: lines }, (_, i) => line(i === 0 ? text : '', 700 - i * 12, size)), startsFlow: true };
}

/** A page: running header, body lines, page number footer. */
function page(n: number, header: string | null, body: string[]): PageFlows {
  const lines = [...(header ? [line(header, 760, 14)] : []), ...body.map((t, i) => line(t, 700 - i * 12)), line(String(n), 40, 9)];
  return { page: n, flows: [lines] };
}

describe('running headers and footers', () => {
  it('drops a header and page numbers repeated on the pages, and keeps the body', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => page(n, n === 1 ? null : 'CHAPTER ONE: BEGINNINGS', [`Body text of page ${n}.`, 'Another line.']));
    const kept = dropRunningLines(pages).map((p) => p.flows.flat().map((l) => l.text));
    expect(kept).toEqual([1, 2, 3, 4, 5].map((n) => [`Body text of page ${n}.`, 'Another line.']));
  });

  it('keeps a line seen at the top of only two pages of a long document', () => {
    const pages = [1, 2, 3, 4, 5, 6].map((n) => page(n, n <= 2 ? 'Preface' : null, [`Page ${n} words.`]));
    const kept = dropRunningLines(pages).flatMap((p) => p.flows.flat().map((l) => l.text));
    expect(kept.filter((t) => t === 'Preface')).toHaveLength(2);
    expect(kept.some((t) => /^\d+$/u.test(t))).toBe(false);
  });

  it('leaves a one-page document alone', () => {
    expect(dropRunningLines([page(1, 'Header', ['Body'])])[0]!.flows.flat().map((l) => l.text)).toEqual(['Header', 'Body', '1']);
  });
});

describe('headings from font sizes', () => {
  it('finds the body size by characters, not by lines', () => {
    expect(bodySize([block('Short big', 20), block('A long body paragraph with many more characters in it', 10)])).toBe(10);
  });

  it('ranks heading levels by size and ignores text barely larger than the body', () => {
    const blocks = [
      block('Document Title', 24),
      block('Body text that is long enough to be the body of this document.', 10),
      block('1 Section', 16),
      block('Body text that is long enough to be the body of this document.', 10),
      block('1.1 Subsection', 13),
      block('Slightly larger aside', 11),
      block('Body text that is long enough to be the body of this document.', 10),
      block('2 Section', 16.4),
    ];
    expect(headingLevels(blocks, bodySize(blocks))).toEqual([1, undefined, 2, undefined, 3, undefined, undefined, 2]);
  });

  it('does not take sentences, long passages or numbers for headings', () => {
    expect(looksLikeHeading('Results', 1)).toBe(true);
    expect(looksLikeHeading('This large pull quote ends like a sentence does.', 1)).toBe(false);
    expect(looksLikeHeading('Item one,', 1)).toBe(false);
    expect(looksLikeHeading('1040', 1)).toBe(false);
    expect(looksLikeHeading('word '.repeat(25).trim(), 2)).toBe(false);
    expect(looksLikeHeading('Four lines', 4)).toBe(false);
    const blocks = [block('A big sentence that ends with a period and runs on.', 20), block('Body text that is long enough to be the body here.', 10)];
    expect(headingLevels(blocks, 10)).toEqual([undefined, undefined]);
    expect(blockText(blocks[0]!)).toContain('A big sentence');
  });
});
