import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeTextFile, looksBinary } from './decode';
import { MAX_TEXT_FILE_BYTES } from './limits';

const enc = (s: string) => new TextEncoder().encode(s);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('decodeTextFile', () => {
  it('decodes UTF-8 text and strips a BOM', () => {
    const file = decodeTextFile('notes.md', enc('\uFEFF# Title\nbody é'));
    expect(file.text).toBe('# Title\nbody é');
    expect(file.mimeType).toBe('text/markdown');
  });
  it('refuses an empty or whitespace-only file', () => {
    expect(codeOf(() => decodeTextFile('a.txt', new Uint8Array()))).toBe('EMPTY_FILE');
    expect(codeOf(() => decodeTextFile('a.txt', enc('  \n\t ')))).toBe('EMPTY_FILE');
  });
  it('refuses binary content named .txt', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(codeOf(() => decodeTextFile('image.txt', png))).toBe('BINARY_FILE');
    expect(codeOf(() => decodeTextFile('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20])))).toBe('BINARY_FILE');
  });
  it('refuses unsupported extensions and oversized files', () => {
    expect(codeOf(() => decodeTextFile('a.exe', enc('MZ')))).toBe('UNSUPPORTED_FILE');
    expect(codeOf(() => decodeTextFile('big.txt', new Uint8Array(MAX_TEXT_FILE_BYTES + 1).fill(97)))).toBe('FILE_TOO_LARGE');
  });
  it('tells text from control-heavy bytes', () => {
    expect(looksBinary(enc('plain\ttext\r\n'))).toBe(false);
    expect(looksBinary(new Uint8Array(100).fill(1))).toBe(true);
  });
});
