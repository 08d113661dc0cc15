import { describe, expect, it } from 'vitest';
import { blockText, joinLines, mergeContinuations, pageBlocks } from './pdf-blocks';
import { findGutter, readingOrder } from './pdf-columns';
import { buildLines, toRuns, type PdfTextItem } from './pdf-layout';

/** A text item as pdf.js gives it: horizontal, at (x, y) baseline, ~0.5 em per character. */
function item(str: string, x: number, y: number, size = 10, width = str.length * size * 0.5): PdfTextItem {
  return { str, transform: [size, 0, 0, size, x, y], width, height: size, fontName: 'f1', hasEOL: false };
}

function lineTexts(items: PdfTextItem[]): string[] {
  return buildLines(toRuns(items).get(0) ?? []).map((l) => l.text);
}

function pageTexts(items: PdfTextItem[]): string[] {
  return pageBlocks(readingOrder(buildLines(toRuns(items).get(0) ?? [])), 1).map(blockText);
}

/** A column of lines: `texts` from the top at x, 12 pt apart. */
function column(texts: string[], x: number, top: number, size = 10, leading = 12): PdfTextItem[] {
  return texts.map((t, i) => item(t, x, top - i * leading, size));
}

describe('lines from text items', () => {
  it('joins the items of one baseline in x order, with spaces where the gap shows a word break', () => {
    expect(lineTexts([item('world', 48, 700), item('Hello', 20, 700), item('again', 20, 688)])).toEqual(['Hello world', 'again']);
    // Adjacent items (kerning, a font change mid-word) join without a space.
    expect(lineTexts([item('infor', 20, 700, 10, 25), item('mation', 45, 700)])).toEqual(['information']);
  });

  it('keeps a raised footnote marker on its line', () => {
    expect(lineTexts([item('Footnotes', 20, 700), item('12', 67, 704, 6), item('matter.', 76, 700)])).toEqual(['Footnotes 12 matter.']);
  });

  it('splits a row at a wide gap (cells, columns) and drops text drawn twice for fake bold', () => {
    const lines = buildLines(toRuns([item('Name', 20, 700), item('Value', 200, 700), item('Bold', 20, 680), item('Bold', 20.4, 680)]).get(0)!);
    expect(lines.map((l) => [l.text, l.row])).toEqual([
      ['Name', 0],
      ['Value', 0],
      ['Bold', 1],
    ]);
  });

  it('reads a right-to-left row from right to left', () => {
    expect(lineTexts([item('עולם', 100, 700, 10, 20), item('שלום', 125, 700, 10, 20)])).toEqual(['שלום עולם']);
  });

  it('reads vertical (tategaki) columns top to bottom, right column first', () => {
    const v = (str: string, x: number, y: number): PdfTextItem => ({ str, transform: [12, 0, 0, 12, x, y], width: 12, height: 12 * str.length, fontName: 'v' });
    const frames = toRuns([v('二行目です', 470, 700), v('縦書きの', 500, 700), v('文章', 500, 652)], (font) => font === 'v');
    expect([...frames.keys()]).toEqual([1000]);
    expect(buildLines(frames.get(1000)!).map((l) => l.text)).toEqual(['縦書きの文章', '二行目です']);
  });

  it('puts rotated text in a frame of its own', () => {
    const rotated: PdfTextItem = { str: 'arXiv:2401.00001', transform: [0, 10, -10, 0, 30, 300], width: 80, height: 10, fontName: 'f1' };
    const frames = toRuns([item('Body text', 72, 700), rotated]);
    expect([...frames.keys()].sort((a, b) => a - b)).toEqual([0, 90]);
    expect(buildLines(frames.get(90)!).map((l) => l.text)).toEqual(['arXiv:2401.00001']);
  });
});

describe('reading order', () => {
  const left = Array.from({ length: 10 }, (_, i) => `Left sentence ${i + 1} goes on for a while.`);
  const right = Array.from({ length: 10 }, (_, i) => `Right sentence ${i + 1} goes on a while.`);

  it('reads a two-column page left column first, with a full-width title kept on top', () => {
    const items = [item('A Title Across Both Columns Of The Page', 40, 760, 10, 500), ...column(left, 40, 730), ...column(right, 320, 730)];
    const text = pageTexts(items).join('\n');
    expect(text.startsWith('A Title Across')).toBe(true);
    expect(text.indexOf('Left sentence 10')).toBeLessThan(text.indexOf('Right sentence 1 '));
    expect(text.indexOf('Right sentence 1 ')).toBeLessThan(text.indexOf('Right sentence 10'));
  });

  it('keeps bands apart: a full-width line between column blocks stays between them', () => {
    const items = [
      ...column(left.slice(0, 4), 40, 730),
      ...column(right.slice(0, 4), 320, 730),
      item('A full-width caption that spans the whole page width here', 40, 670, 10, 500),
      ...column(left.slice(4), 40, 650),
      ...column(right.slice(4), 320, 650),
    ];
    const text = pageTexts(items).join('\n');
    const at = (s: string) => text.indexOf(s);
    expect(at('Right sentence 4 ')).toBeLessThan(at('A full-width caption'));
    expect(at('A full-width caption')).toBeLessThan(at('Left sentence 5 '));
    expect(at('Left sentence 10')).toBeLessThan(at('Right sentence 5 '));
  });

  it('reads a table of short cells row by row, not column by column', () => {
    const rows = Array.from({ length: 8 }, (_, i) => [item(`Item ${i + 1}`, 40, 700 - i * 14), item(`${(i + 1) * 3} kg`, 400, 700 - i * 14)]).flat();
    expect(findGutter(buildLines(toRuns(rows).get(0)!))).toBeNull();
    expect(pageTexts(rows).join('\n')).toContain('Item 1 3 kg Item 2 6 kg');
  });

  it('reads a text column before a sidebar of short lines beside it', () => {
    const main = column(Array.from({ length: 12 }, (_, i) => `Main text line ${i + 1} runs across the column.`), 40, 700);
    const side = column(['Born', '1920', 'Died', '1999', 'Known for', 'Poems'], 360, 700);
    const text = pageTexts([...main, ...side]).join('\n');
    expect(text).toContain('Main text line 1 runs across the column. Main text line 2');
    expect(text.indexOf('Main text line 12')).toBeLessThan(text.indexOf('Born'));
  });
});

describe('paragraphs and lists', () => {
  it('breaks paragraphs at a gap wider than the line spacing and at a change of size', () => {
    const items = [
      item('Big Heading', 40, 760, 16),
      ...column(['First paragraph line one', 'continues here.'], 40, 735),
      ...column(['Second paragraph after a gap', 'ends here.'], 40, 695),
    ];
    expect(pageTexts(items)).toEqual(['Big Heading', 'First paragraph line one continues here.', 'Second paragraph after a gap ends here.']);
  });

  it('breaks at a first-line indent after a sentence end (books without gaps)', () => {
    const items = [
      item('The first paragraph runs on and on across the', 40, 700),
      item('line and ends here.', 40, 688),
      item('The second paragraph is indented and', 60, 676),
      item('continues at the margin again.', 40, 664),
    ];
    expect(pageTexts(items)).toEqual(['The first paragraph runs on and on across the line and ends here.', 'The second paragraph is indented and continues at the margin again.']);
  });

  it('makes bulleted items and numbered runs into lists, continuation lines included', () => {
    const items = column(['• Apples are red', 'and sweet', '• Pears are green', '1. One', '2. Two'], 40, 700);
    const blocks = pageBlocks(readingOrder(buildLines(toRuns(items).get(0)!)), 4);
    expect(blocks.map((b) => [b.kind, b.page, b.items?.map(joinLines), b.ordered])).toEqual([
      ['list', 4, ['Apples are red and sweet', 'Pears are green'], false],
      ['list', 4, ['One', 'Two'], true],
    ]);
  });

  it('does not take a lone number at a line start for a list', () => {
    expect(pageTexts(column(['2010. A year of change', 'for everyone.'], 40, 700))).toEqual(['2010. A year of change for everyone.']);
  });

  it('joins a paragraph cut by a page break when it clearly goes on', () => {
    const one = pageBlocks(readingOrder(buildLines(toRuns(column(['A sentence that does not', 'end on this'], 40, 100)).get(0)!)), 1);
    const two = pageBlocks(readingOrder(buildLines(toRuns(column(['page but on the next.', 'New paragraph.'], 40, 700)).get(0)!)), 2);
    const merged = mergeContinuations([...one, ...two]);
    expect(merged.map((b) => [b.page, b.pageEnd, blockText(b)])).toEqual([[1, 2, 'A sentence that does not end on this page but on the next. New paragraph.']]);
  });
});

describe('joinLines', () => {
  it('repairs words hyphenated at a line end', () => {
    expect(joinLines(['keeps every piece of infor-', 'mation private'])).toBe('keeps every piece of information private');
    expect(joinLines(['soft hyphen infor\u00ad', 'mation'])).toBe('soft hyphen information');
  });

  it('keeps hyphens of compounds and before capitals or digits', () => {
    expect(joinLines(['a state-of-the-', 'art method'])).toBe('a state-of-the-art method');
    expect(joinLines(['tools that are self-', 'contained'])).toBe('tools that are self-contained');
    expect(joinLines(['the Jean-', 'Paul award on x86-', '64 machines'])).toBe('the Jean-Paul award on x86-64 machines');
    expect(joinLines(['ends with a dash -', 'then more'])).toBe('ends with a dash - then more');
  });

  it('puts no space between lines of Japanese, one between lines of other scripts', () => {
    expect(joinLines(['日本語の文章は', '空白なしで続きます。'])).toBe('日本語の文章は空白なしで続きます。');
    expect(joinLines(['Русский текст', 'продолжается'])).toBe('Русский текст продолжается');
  });

  it('drops control characters (glyph codes) from the text', () => {
    expect(joinLines(['a\u0003b', 'c\u0000'])).toBe('ab c');
  });
});
