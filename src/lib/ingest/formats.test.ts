import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkFile } from './check';
import { wordsFor } from '../i18n/all-catalogs';
import { acceptAttribute, formatForName, sniff, supportedSummary, supportedSummaryIn } from './formats';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('formats', () => {
  it('finds the format by extension, case-insensitively, and by MIME type when there is no extension', () => {
    expect(formatForName('Report.PDF')?.id).toBe('pdf');
    expect(formatForName('letter.docx')?.id).toBe('docx');
    expect(formatForName('page.htm')?.id).toBe('html');
    expect(formatForName('data.csv')?.id).toBe('text');
    expect(formatForName('README', 'text/markdown')?.id).toBe('markdown');
    expect(formatForName('setup.exe')).toBeNull();
  });
  it('checks magic bytes: a PNG renamed .pdf is named for what it is', () => {
    const pdf = formatForName('x.pdf');
    expect(pdf && sniff(pdf, png)).toEqual({ ok: false, actually: 'a PNG image' });
    expect(pdf && sniff(pdf, new TextEncoder().encode('\n\n%PDF-1.7\n'))).toEqual({ ok: true });
    const text = formatForName('x.txt');
    expect(text && sniff(text, new TextEncoder().encode('hello'))).toEqual({ ok: true });
    expect(text && sniff(text, png)).toEqual({ ok: false, actually: 'a PNG image' });
  });
  it('derives the picker’s accept list and the message from the same list', () => {
    const accept = acceptAttribute().split(',');
    for (const ext of ['.pdf', '.docx', '.html', '.md', '.txt', '.csv', '.json']) expect(accept).toContain(ext);
    expect(supportedSummary()).toMatch(/^PDF, Word \(\.docx\), web pages \(\.html\), Markdown \(\.md\) and text \(\.txt, \.csv, \.json, \.xml, \.log\)$/);
    // The drop zone's list, in the reader's language: the same in English.
    expect(supportedSummaryIn(wordsFor('en'))).toBe(supportedSummary());
    expect(supportedSummaryIn(wordsFor('fr'))).toBe('PDF, Word (.docx), pages web (.html), Markdown (.md) et texte (.txt, .csv, .json, .xml, .log)');
  });
  it('refuses before reading: unknown type, empty, and over the format’s limit', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (e) {
        return e instanceof AppError ? e.code : 'not an AppError';
      }
    };
    expect(code(() => checkFile('a.exe', '', 10))).toBe('UNSUPPORTED_FILE');
    expect(code(() => checkFile('a.txt', '', 0))).toBe('EMPTY_FILE');
    expect(code(() => checkFile('big.txt', '', 100 * 1024 * 1024))).toBe('FILE_TOO_LARGE');
    expect(code(() => checkFile('big.pdf', '', 100 * 1024 * 1024))).toBe('none');
  });
});
