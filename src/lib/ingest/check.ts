/**
 * The checks a file passes before any byte of it is read: a format Hearth reads, not empty, not
 * over that format's size limit. Runs on the page (instantly, per file) and again in the worker.
 */
import { appError } from '../errors';
import { formatForName, type FormatSpec } from './formats';

function megabytes(bytes: number): string {
  return bytes >= 10 * 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(0) : (bytes / 1024 / 1024).toFixed(1);
}

export function checkFile(name: string, mimeType: string, sizeBytes: number): FormatSpec {
  const spec = formatForName(name, mimeType);
  if (!spec) throw appError('UNSUPPORTED_FILE', { detail: name });
  if (sizeBytes === 0) throw appError('EMPTY_FILE', { detail: name });
  if (sizeBytes > spec.maxBytes) {
    throw appError('FILE_TOO_LARGE', {
      message: `“${name}” is ${megabytes(sizeBytes)} MB; Hearth takes ${spec.id === 'pdf' ? 'PDFs' : `${spec.label} files`} up to ${megabytes(spec.maxBytes)} MB. Split it into smaller files and add them one by one.`,
      detail: name,
    });
  }
  return spec;
}
