/**
 * Bytes of a text-like file → a string, with its encoding detected: a BOM (UTF-8, UTF-16 LE/BE),
 * else UTF-16 recognized by its zero bytes, else UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252 (the superset of Latin-1 that Windows and old Macs-turned-Windows files use).
 * Refuses binary content (NUL bytes outside UTF-16, or mostly control characters).
 */
import { appError } from '../errors';

export interface DecodedText {
  text: string;
  /** The WHATWG encoding label used: 'utf-8', 'utf-16le', 'utf-16be' or 'windows-1252'. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

function bomEncoding(bytes: Uint8Array): { encoding: DecodedText['encoding']; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** UTF-16 without a BOM: in mostly-ASCII text every other byte is zero. */
function guessUtf16(bytes: Uint8Array): DecodedText['encoding'] | null {
  const n = Math.min(bytes.length & ~1, 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs > 0.4 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.4 && oddZeros / pairs < 0.05) return 'utf-16be';
  return null;
}

/** Windows-1252's 0x80–0x9F (where it differs from Latin-1); unassigned bytes map as Latin-1 does. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Decoded by hand: Node's TextDecoder treats 'windows-1252' as Latin-1 and turns “ ” – € into
 * control characters, and the parsers must give the same text in Node and in the browser.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes: number[] = [];
    for (const b of bytes.subarray(i, i + CHUNK)) codes.push(b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** A NUL byte, or more than 10% control characters in the first 64 KB, marks a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/** Control characters (other than tab, line ends, form feed) in decoded text, as a share. */
function controlShare(text: string): number {
  const n = Math.min(text.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return n === 0 ? 0 : control / n;
}

function binaryError(name: string) {
  return appError('BINARY_FILE', {
    message: `“${name}” does not look like text. Save it as text (UTF-8) or as a PDF, then add it again.`,
    detail: name,
  });
}

export function decodeText(name: string, bytes: Uint8Array): DecodedText {
  if (bytes.byteLength === 0) throw appError('EMPTY_FILE', { detail: name });
  const bom = bomEncoding(bytes);
  const utf16 = bom ? null : guessUtf16(bytes);
  let decoded: DecodedText;
  if (bom || utf16) {
    const encoding = bom?.encoding ?? (utf16 as DecodedText['encoding']);
    const body = bytes.subarray(bom?.skip ?? 0);
    decoded = { encoding, text: new TextDecoder(encoding).decode(body) };
  } else {
    if (looksBinary(bytes)) throw binaryError(name);
    try {
      decoded = { encoding: 'utf-8', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      decoded = { encoding: 'windows-1252', text: decodeWindows1252(bytes) };
    }
  }
  if (controlShare(decoded.text) > 0.1 || decoded.text.includes('\u0000')) throw binaryError(name);
  if (decoded.text.trim().length === 0) throw appError('EMPTY_FILE', { detail: name });
  return decoded;
}
