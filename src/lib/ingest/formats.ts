/**
 * The document formats Hearth reads: one list, from which the file picker's `accept`, the drop
 * zone's text and the "not supported" message are all derived. Pure data; the parsers themselves
 * live in the retrieval worker (workers/parsers/), one module per format, keyed by `id`.
 */
import type { Words } from '../i18n/translate';

export type FormatId = 'pdf' | 'docx' | 'html' | 'markdown' | 'text';

export interface FormatSpec {
  id: FormatId;
  /** How a person names it: "PDF", "Word". */
  label: string;
  /** Lowercase, with the dot; the first one is the one shown. */
  extensions: readonly string[];
  mimeTypes: readonly string[];
  /** Leading bytes every file of this format starts with (checked after any BOM for text). */
  magic?: readonly (readonly number[])[];
  /** Larger files are refused before they are read. */
  maxBytes: number;
}

const MB = 1024 * 1024;

export const FORMATS: readonly FormatSpec[] = [
  {
    id: 'pdf',
    label: 'PDF',
    extensions: ['.pdf'],
    mimeTypes: ['application/pdf'],
    magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
    maxBytes: 200 * MB,
  },
  {
    id: 'docx',
    label: 'Word',
    extensions: ['.docx', '.docm'],
    mimeTypes: [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-word.document.macroEnabled.12',
    ],
    magic: [[0x50, 0x4b, 0x03, 0x04]], // a zip archive
    maxBytes: 100 * MB,
  },
  {
    id: 'html',
    label: 'web page',
    extensions: ['.html', '.htm', '.xhtml'],
    mimeTypes: ['text/html', 'application/xhtml+xml'],
    maxBytes: 20 * MB,
  },
  {
    id: 'markdown',
    label: 'Markdown',
    extensions: ['.md', '.markdown'],
    mimeTypes: ['text/markdown'],
    maxBytes: 20 * MB,
  },
  {
    id: 'text',
    label: 'text',
    extensions: ['.txt', '.text', '.csv', '.tsv', '.json', '.xml', '.log'],
    mimeTypes: ['text/plain', 'text/csv', 'text/tab-separated-values', 'application/json', 'text/xml', 'application/xml'],
    maxBytes: 20 * MB,
  },
];

/** ".PDF" → ".pdf"; '' when the name has no extension. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** The format a file name claims (by extension, else by MIME type), or null when Hearth does not read it. */
export function formatForName(name: string, mimeType = ''): FormatSpec | null {
  const ext = extensionOf(name);
  const byExt = FORMATS.find((f) => f.extensions.includes(ext));
  if (byExt) return byExt;
  if (ext === '' && mimeType) return FORMATS.find((f) => f.mimeTypes.includes(mimeType.toLowerCase())) ?? null;
  return null;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** Known signatures of formats Hearth does not read, so a renamed file gets a precise message. */
const FOREIGN_MAGIC: readonly { what: string; magic: readonly number[] }[] = [
  { what: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47] },
  { what: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { what: 'an old Word (.doc) or Office 97 file', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  { what: 'a zip archive', magic: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'a PDF', magic: [0x25, 0x50, 0x44, 0x46] },
  { what: 'a gzip archive', magic: [0x1f, 0x8b] },
  { what: 'a RAR archive', magic: [0x52, 0x61, 0x72, 0x21] },
  { what: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf] },
];

export type Sniffed = { ok: true } | { ok: false; actually: string | null };

/**
 * Do the first bytes agree with the claimed format? Formats with a signature must carry it
 * (a PDF may have up to 1 KB of junk before `%PDF-`, as viewers allow); text formats must not
 * start like a known binary format.
 */
export function sniff(spec: FormatSpec, head: Uint8Array): Sniffed {
  if (spec.magic) {
    if (spec.id === 'pdf') {
      const window = head.subarray(0, 1024);
      for (let i = 0; i + 5 <= window.length; i++) if (startsWith(window.subarray(i), spec.magic[0] as readonly number[])) return { ok: true };
    } else if (spec.magic.some((m) => startsWith(head, m))) {
      return { ok: true };
    }
    const foreign = FOREIGN_MAGIC.find((f) => startsWith(head, f.magic));
    return { ok: false, actually: foreign?.what ?? null };
  }
  const foreign = FOREIGN_MAGIC.find((f) => startsWith(head, f.magic));
  return foreign ? { ok: false, actually: foreign.what } : { ok: true };
}

/** The file picker's `accept` attribute. */
export function acceptAttribute(): string {
  return [...FORMATS.flatMap((f) => f.extensions), ...FORMATS.flatMap((f) => f.mimeTypes)].join(',');
}

/** The extensions a summary names for a format (the common ones; the rest are also accepted). */
function shownExtensions(f: FormatSpec): string[] {
  return f.extensions.filter((e) => !['.markdown', '.text', '.htm', '.xhtml', '.docm', '.tsv'].includes(e));
}

/** "PDF, Word (.docx), web pages (.html), Markdown (.md) and text (.txt, .csv, .json, .xml, .log)": English, for ERROR_CODES. */
export function supportedSummary(): string {
  const parts = FORMATS.map((f) => (f.id === 'pdf' ? 'PDF' : `${f.id === 'html' ? 'web pages' : f.label} (${shownExtensions(f).join(', ')})`));
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The same list in the reader's language (the drop zone): "PDF, Word (.docx), Webseiten (.html)…". */
export function supportedSummaryIn(w: Words): string {
  const parts = FORMATS.map((f) => (f.id === 'pdf' ? w.t('library.format.pdf') : w.t('library.format.with', { name: w.t(`library.format.${f.id}`), extensions: shownExtensions(f).join(', ') })));
  return w.t('library.format.list', { items: parts.slice(0, -1).join(', '), last: parts[parts.length - 1]! });
}
