import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../src/lib/errors';
import type { ParseContext, ParsedDocument } from '../../src/lib/ingest/parsed';
import { encryptedPdf } from './fixtures/encrypted-pdf';
import { blankOnlyPdf, blankPagesPdf, pngBytes, REPORT, reportPdf, scanOnlyPdf } from './fixtures/make-pdf';
import { japanesePdf, undecodablePdf } from './fixtures/raw-pdf';
import { pdfParser } from './pdf';
import { cleanTitle, pageRanges, pagesWithoutTextWarning } from './pdf-warnings';

function context(extra: Partial<ParseContext> = {}): ParseContext {
  return { name: 'test.pdf', signal: new AbortController().signal, onProgress: () => undefined, ...extra };
}

async function failure(bytes: Uint8Array, ctx = context()): Promise<AppError> {
  try {
    await pdfParser.parse(bytes, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('parse() succeeded');
}

const textOf = (doc: ParsedDocument, i: number) => doc.text.slice(doc.blocks[i]!.start, doc.blocks[i]!.end);

describe('the report fixture', () => {
  let bytes: Uint8Array;
  let doc: ParsedDocument;
  const progress: [number, number, string][] = [];

  beforeAll(async () => {
    bytes = await reportPdf();
    doc = await pdfParser.parse(bytes, context({ onProgress: (done, total, unit) => progress.push([done, total, unit]) }));
  });

  it('reports pages, the cleaned-up title and progress after every page', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.mimeType).toBe('application/pdf');
    expect(doc.pageCount).toBe(6);
    expect(doc.title).toBe('Hearth Field Notes');
    expect(progress).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 6, 'page']));
    expect(bytes.byteLength).toBeGreaterThan(0); // the caller's buffer was not handed over
  });

  it('recovers headings from font sizes, levels ranked by size, with their paths', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [doc.text.slice(b.start, b.end), b.level, b.page, b.headingPath]);
    expect(headings).toEqual([
      ['Hearth Field Notes', 1, 1, ['Hearth Field Notes']],
      ['1 Introduction', 2, 1, ['Hearth Field Notes', '1 Introduction']],
      ['2 Two Columns', 2, 2, ['Hearth Field Notes', '2 Two Columns']],
      ['2.1 Details', 3, 2, ['Hearth Field Notes', '2 Two Columns', '2.1 Details']],
      ['3 Results', 2, 5, ['Hearth Field Notes', '3 Results']],
      ['4 Conclusion', 2, 6, ['Hearth Field Notes', '4 Conclusion']],
    ]);
  });

  it('drops the running header (larger than the body) and the page numbers', () => {
    expect(doc.text).not.toContain('Working Draft');
    expect(doc.text).not.toContain('FIELD NOTES');
    expect(doc.blocks.some((b, i) => /^\d+$/u.test(textOf(doc, i)))).toBe(false);
  });

  it('joins lines into paragraphs and repairs hyphenation at line ends', () => {
    const first = doc.blocks.findIndex((b) => b.kind === 'paragraph');
    expect(textOf(doc, first)).toBe(
      'Hearth reads documents on your own device and keeps every piece of information private. The parser rebuilds paragraphs from lines, and a state-of-the-art layout pass restores the reading order of each page before anything is stored.',
    );
    expect(textOf(doc, first + 1)).toBe('A second paragraph follows a wider gap. It describes tools that are self-contained, small and well-known to everyone who uses them.');
    expect(doc.blocks[first]!.headingPath).toEqual(['Hearth Field Notes', '1 Introduction']);
  });

  it('makes lists of bullets and numbered items', () => {
    const lists = doc.blocks.flatMap((b, i) => (b.kind === 'list' ? [[textOf(doc, i), b.page]] : []));
    expect(lists).toEqual([
      ['- First point of the list\n- Second point of the list', 1],
      ['1. Alpha result is the largest.\n2. Beta result is the middle one.\n3. Gamma result is the smallest.', 5],
    ]);
  });

  it('reads the two-column page left column first, on page 2', () => {
    const lastLeft = doc.text.indexOf(REPORT.leftSentences[11]!);
    const firstRight = doc.text.indexOf(REPORT.rightSentences[0]!);
    expect(lastLeft).toBeGreaterThan(0);
    expect(firstRight).toBeGreaterThan(lastLeft);
    for (const sentence of [...REPORT.leftSentences, ...REPORT.rightSentences]) {
      const at = doc.text.indexOf(sentence);
      expect(at, sentence).toBeGreaterThanOrEqual(0);
      expect(doc.blocks.find((b) => b.start <= at && at < b.end)?.page).toBe(2);
    }
  });

  it('reports the scanned page and the OCR-noise page, and emits no text for them', () => {
    expect(doc.warnings).toEqual([{ code: 'PAGES_WITHOUT_TEXT', message: 'Pages 3–4 look like scanned images; their text could not be read.', pages: [3, 4], scanned: [3, 4], undecodable: [] }]);
    expect(doc.blocks.map((b) => b.page)).not.toContain(3);
    expect(doc.blocks.map((b) => b.page)).not.toContain(4);
  });

  it('keeps offsets exact: blocks joined by blank lines', () => {
    expect(doc.blocks.map((_, i) => textOf(doc, i)).join('\n\n')).toBe(doc.text);
  });
});

describe('encrypted PDFs', () => {
  const locked = encryptedPdf({ userPassword: 'open sesame', ownerPassword: 'owner secret', text: 'The secret recipe is lentil soup.', title: 'Secret Recipes' });

  it('asks for the password when none is given', async () => {
    expect((await failure(locked)).code).toBe('PDF_PASSWORD_REQUIRED');
  });

  it('says the password is wrong when it is', async () => {
    expect((await failure(locked, context({ password: 'open says me' }))).code).toBe('PDF_PASSWORD_WRONG');
  });

  it('opens with the user password, or the owner password, and decrypts text and title', async () => {
    for (const password of ['open sesame', 'owner secret']) {
      const doc = await pdfParser.parse(locked, context({ password }));
      expect(doc.text).toBe('The secret recipe is lentil soup.');
      expect(doc.title).toBe('Secret Recipes');
    }
  });

  it('opens a PDF encrypted with an owner password only, without asking', async () => {
    const doc = await pdfParser.parse(encryptedPdf({ userPassword: '', ownerPassword: 'owner', text: 'Anyone may read this.', title: 'Open' }), context());
    expect(doc.text).toBe('Anyone may read this.');
  });
});

describe('text that needs CMaps, pages without text, broken files', () => {
  it('reads Japanese set in a predefined CMap font (pdf.js CMaps are wired), lines joined without spaces', async () => {
    const doc = await pdfParser.parse(japanesePdf(['日本語の文章は', '空白なしで続きます。']), context());
    expect(doc.text).toBe('日本語の文章は空白なしで続きます。');
  });

  it('refuses a PDF of scans only with NO_TEXT, saying it looks like a scan and suggesting OCR', async () => {
    const error = await failure(await scanOnlyPdf(3));
    expect(error.code).toBe('NO_TEXT');
    expect(error.message).toMatch(/scan/u);
    expect(error.message).toMatch(/OCR/u);
  });

  it('refuses a PDF whose text is glyph codes with NO_TEXT, blaming its fonts', async () => {
    const error = await failure(undecodablePdf());
    expect(error.code).toBe('NO_TEXT');
    expect(error.message).toMatch(/fonts/u);
  });

  it('refuses a PDF of blank pages with the plain NO_TEXT message, not a claim that it is a scan', async () => {
    const error = await failure(await blankOnlyPdf());
    expect(error.code).toBe('NO_TEXT');
    expect(error.message).toBe(ERROR_CODES.NO_TEXT);
  });

  it('does not report blank pages or drawings as scans', async () => {
    const doc = await pdfParser.parse(await blankPagesPdf(), context());
    expect(doc.text).toBe('Only the first page has words on it.');
    expect(doc.pageCount).toBe(3);
    expect(doc.warnings).toEqual([]);
  });

  it('calls a truncated PDF, a PNG and empty bytes damaged', async () => {
    const whole = await reportPdf();
    for (const bytes of [whole.slice(0, whole.length >> 1), pngBytes(), new Uint8Array()]) {
      const error = await failure(bytes);
      expect(error.code).toBe('FILE_DAMAGED');
      expect(error.message).toMatch(/damaged|incomplete/u);
    }
  });

  it('stops between pages when aborted, and before starting', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await failure(await reportPdf(), context({ signal: controller.signal, onProgress: (done) => (seen.push(done), done === 2 && controller.abort()) }));
    expect(error.code).toBe('ABORTED');
    expect(seen).toEqual([1, 2]);
    expect((await failure(await reportPdf(), context({ signal: AbortSignal.abort() }))).code).toBe('ABORTED');
  });
});

describe('messages and titles', () => {
  it('compresses pages into ranges', () => {
    expect(pageRanges([7, 3, 4, 5, 9, 10, 12])).toBe('3–5, 7, 9–10 and 12');
    expect(pageRanges([3])).toBe('3');
  });

  it('words the warning for one page, several, and fonts that cannot be decoded', () => {
    expect(pagesWithoutTextWarning([3], [])?.message).toBe('Page 3 looks like a scanned image; its text could not be read.');
    expect(pagesWithoutTextWarning([3, 4, 5, 6, 7], [])?.message).toBe('Pages 3–7 look like scanned images; their text could not be read.');
    expect(pagesWithoutTextWarning([1], [2, 3])).toEqual({
      code: 'PAGES_WITHOUT_TEXT',
      message: 'Page 1 looks like a scanned image and pages 2–3 use fonts whose letters cannot be decoded; their text could not be read.',
      pages: [1, 2, 3],
      scanned: [1],
      undecodable: [2, 3],
    });
    expect(pagesWithoutTextWarning([], [])).toBeNull();
  });

  it('keeps meaningful titles only', () => {
    expect(cleanTitle('Microsoft Word - Annual Report 2023.docx')).toBe('Annual Report 2023');
    expect(cleanTitle('C:\\Users\\me\\Desktop\\minutes.doc')).toBe('minutes');
    expect(cleanTitle('Untitled')).toBeUndefined();
    expect(cleanTitle('untitled document 3')).toBeUndefined();
    expect(cleanTitle('  ')).toBeUndefined();
    expect(cleanTitle(42)).toBeUndefined();
    expect(cleanTitle('Free Culture')).toBe('Free Culture');
  });
});
