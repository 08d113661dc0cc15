import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeText, looksBinary } from './decode';

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

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let o = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    o = 2;
  }
  for (let i = 0; i < text.length; i++, o += 2) view.setUint16(o, text.charCodeAt(i), littleEndian);
  return out;
}

describe('decodeText', () => {
  it('decodes UTF-8 text and strips a BOM', () => {
    const file = decodeText('notes.md', enc('\uFEFF# Title\nbody é'));
    expect(file).toEqual({ encoding: 'utf-8', text: '# Title\nbody é' });
  });
  it('reads Windows-1252 text without mojibake', () => {
    // "Café crème – 20 €" in Windows-1252: é = E9, è = E8, en dash = 96, euro = 80.
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65, 0x20, 0x96, 0x20, 0x32, 0x30, 0x20, 0x80]);
    expect(decodeText('menu.txt', bytes)).toEqual({ encoding: 'windows-1252', text: 'Café crème – 20 €' });
  });
  it('reads UTF-16 with a BOM in both byte orders, and little-endian without one', () => {
    const text = 'Grüße aus Köln. Ελληνικά.';
    expect(decodeText('a.txt', utf16(text, true, true))).toEqual({ encoding: 'utf-16le', text });
    expect(decodeText('b.txt', utf16(text, false, true))).toEqual({ encoding: 'utf-16be', text });
    expect(decodeText('c.txt', utf16('Plain English words in UTF-16.', true, false)).text).toBe('Plain English words in UTF-16.');
  });
  it('refuses an empty or whitespace-only file', () => {
    expect(codeOf(() => decodeText('a.txt', new Uint8Array()))).toBe('EMPTY_FILE');
    expect(codeOf(() => decodeText('a.txt', enc('  \n\t ')))).toBe('EMPTY_FILE');
  });
  it('refuses binary content named .txt', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(codeOf(() => decodeText('image.txt', png))).toBe('BINARY_FILE');
    expect(codeOf(() => decodeText('noise.txt', new Uint8Array(200).fill(1)))).toBe('BINARY_FILE');
  });
  it('tells text from control-heavy bytes', () => {
    expect(looksBinary(enc('plain\ttext\r\n'))).toBe(false);
    expect(looksBinary(new Uint8Array(100).fill(1))).toBe(true);
  });
});
