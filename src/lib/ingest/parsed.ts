/**
 * What every parser produces: the document's text plus the blocks it is made of, each with its
 * page (1-based, as a PDF viewer counts), its heading path and its character offsets into `text`,
 * so a chunk and a citation can point back at the exact place.
 */
import type { FormatId } from './formats';

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'table' | 'code';

export interface ParsedBlock {
  kind: BlockKind;
  /** text.slice(start, end) is the block's text. */
  start: number;
  end: number;
  /** 1-based page number (PDF only). */
  page?: number;
  /** Last page of a paragraph that runs on across a page break (absent when it is `page`). */
  pageEnd?: number;
  /** Headings this block sits under, outermost first; a heading's own path ends with itself. */
  headingPath: string[];
  /** 1–6, headings only. */
  level?: number;
}

export type ParseWarningCode =
  /** Pages with no text layer, or one that reads as noise (a scan with bad OCR). */
  | 'PAGES_WITHOUT_TEXT'
  /** A Word file with macros: the text was read, the macros were never run. */
  | 'MACROS_IGNORED'
  /** Text decoded from a legacy encoding (Windows-1252) rather than UTF-8/UTF-16. */
  | 'LEGACY_ENCODING'
  /** Something was left out (embedded objects, unreadable parts); the rest was read. */
  | 'CONTENT_SKIPPED';

export interface ParseWarning {
  code: ParseWarningCode;
  /** A sentence for the person, e.g. "Pages 3–7 look like scanned images; their text could not be read." */
  message: string;
  /** 1-based pages concerned, when the warning is about pages. */
  pages?: number[];
  /** PAGES_WITHOUT_TEXT: which of them look scanned, and which use fonts that cannot be decoded. */
  scanned?: number[];
  undecodable?: number[];
  /** LEGACY_ENCODING: a web page (that did not say its encoding) or a text file. */
  source?: 'page' | 'file';
}

export interface ParsedDocument {
  format: FormatId;
  mimeType: string;
  /** The document's own title (PDF metadata, <title>, docx core properties), when it has one. */
  title?: string;
  /** All blocks' texts, joined by blank lines ("\n\n"). */
  text: string;
  blocks: ParsedBlock[];
  /** PDF: the number of pages. */
  pageCount?: number;
  /** Text formats: the encoding the bytes were read in ('utf-8', 'utf-16le', 'windows-1252'…). */
  encoding?: string;
  warnings: ParseWarning[];
}

export interface ParseContext {
  /** The file name, for messages. */
  name: string;
  /** A PDF's password, when the person gave one. */
  password?: string;
  signal: AbortSignal;
  /** Progress within the file: pages for a PDF, bytes or parts otherwise. */
  onProgress(done: number, total: number, unit: 'page' | 'part'): void;
}

export interface Parser {
  format: FormatId;
  /** Throws AppError with a code (FILE_DAMAGED, PDF_PASSWORD_REQUIRED, …), never a bare Error. */
  parse(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument>;
}
