/**
 * Turns the bytes of an added file into text, or refuses it with a coded error: empty, too large,
 * not a supported type, or binary (NUL bytes, invalid UTF-8, or mostly control characters).
 */
import { appError } from '../errors';
import { MAX_TEXT_FILE_BYTES, SUPPORTED_EXTENSIONS } from './limits';

export interface DecodedFile {
  name: string;
  mimeType: string;
  text: string;
}

export function checkFileMeta(name: string, sizeBytes: number): void {
  const lower = name.toLowerCase();
  if (!SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    throw appError('UNSUPPORTED_FILE', { detail: name });
  }
  if (sizeBytes === 0) throw appError('EMPTY_FILE', { detail: name });
  if (sizeBytes > MAX_TEXT_FILE_BYTES) {
    const mb = (sizeBytes / 1024 / 1024).toFixed(0);
    const max = MAX_TEXT_FILE_BYTES / 1024 / 1024;
    throw appError('FILE_TOO_LARGE', {
      message: `“${name}” is ${mb} MB; Hearth takes text files up to ${max} MB. Split it into smaller files and add them one by one.`,
      detail: name,
    });
  }
}

export function decodeTextFile(name: string, bytes: Uint8Array): DecodedFile {
  checkFileMeta(name, bytes.byteLength);
  if (looksBinary(bytes)) {
    throw appError('BINARY_FILE', {
      message: `“${name}” does not look like text. Hearth reads plain text and Markdown files; convert it to text first.`,
      detail: name,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw appError('BINARY_FILE', {
      message: `“${name}” is not valid UTF-8 text. Save it as UTF-8 and add it again.`,
      detail: name,
    });
  }
  if (text.trim().length === 0) throw appError('EMPTY_FILE', { detail: name });
  const mimeType = /\.(md|markdown)$/i.test(name) ? 'text/markdown' : 'text/plain';
  return { name, mimeType, text };
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
