/**
 * Builds a ParsedDocument block by block: joins texts with blank lines, keeps exact offsets and the
 * current heading path. Every parser uses it, so offsets and heading paths mean the same everywhere.
 */
import type { FormatId } from './formats';
import type { BlockKind, ParsedBlock, ParsedDocument, ParseWarning } from './parsed';

const SEPARATOR = '\n\n';

export class DocumentBuilder {
  readonly #parts: string[] = [];
  readonly #blocks: ParsedBlock[] = [];
  /** Open headings: index = level - 1. */
  #headings: (string | undefined)[] = [];
  #length = 0;
  readonly warnings: ParseWarning[] = [];

  /** Collapse runs of spaces/tabs, trim each line, drop empty lines at the ends. */
  static clean(text: string): string {
    return text
      .replace(/\r\n?/g, '\n')
      .replace(/[\t\f\v \u00a0]+/g, ' ')
      .split('\n')
      .map((l) => l.trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  get blockCount(): number {
    return this.#blocks.length;
  }

  get headingPath(): string[] {
    return this.#headings.filter((h): h is string => h !== undefined);
  }

  /** A heading of level 1–6: it closes headings of the same or deeper level. */
  heading(text: string, level: number, page?: number): void {
    const clean = DocumentBuilder.clean(text).replace(/\n+/g, ' ');
    if (!clean) return;
    const lvl = Math.min(6, Math.max(1, Math.round(level)));
    this.#headings = this.#headings.slice(0, lvl - 1);
    this.#headings[lvl - 1] = clean;
    this.#push('heading', clean, page, lvl);
  }

  /** `pageEnd`: the last page of a paragraph that runs on across a page break. */
  paragraph(text: string, page?: number, pageEnd?: number): void {
    this.#push('paragraph', DocumentBuilder.clean(text), page, undefined, pageEnd);
  }

  /** List items, one per line, with a bullet, or numbered when `ordered`. */
  list(items: string[], page?: number, ordered = false): void {
    const lines = items.map((t) => DocumentBuilder.clean(t).replace(/\n+/g, ' ')).filter(Boolean);
    this.#push('list', lines.map((l, i) => (ordered ? `${i + 1}. ${l}` : `- ${l}`)).join('\n'), page);
  }

  /** Table rows, cells separated by " | ", one row per line. */
  table(rows: string[][], page?: number): void {
    const lines = rows
      .map((r) => r.map((c) => DocumentBuilder.clean(c).replace(/\n+/g, ' ')).join(' | '))
      .filter((l) => l.replace(/[|\s]/g, '') !== '');
    this.#push('table', lines.join('\n'), page);
  }

  /** Preformatted text: only line ends are normalized. */
  code(text: string, page?: number): void {
    this.#push('code', text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, ''), page);
  }

  warn(warning: ParseWarning): void {
    this.warnings.push(warning);
  }

  #push(kind: BlockKind, text: string, page: number | undefined, level?: number, pageEnd?: number): void {
    if (!text) return;
    if (this.#parts.length > 0) {
      this.#parts.push(SEPARATOR);
      this.#length += SEPARATOR.length;
    }
    const start = this.#length;
    this.#parts.push(text);
    this.#length += text.length;
    this.#blocks.push({
      kind,
      start,
      end: this.#length,
      ...(page !== undefined ? { page } : {}),
      ...(page !== undefined && pageEnd !== undefined && pageEnd !== page ? { pageEnd } : {}),
      headingPath: this.headingPath,
      ...(level !== undefined ? { level } : {}),
    });
  }

  build(meta: { format: FormatId; mimeType: string; title?: string; pageCount?: number; encoding?: string }): ParsedDocument {
    return {
      format: meta.format,
      mimeType: meta.mimeType,
      ...(meta.title ? { title: meta.title } : {}),
      text: this.#parts.join(''),
      blocks: this.#blocks,
      ...(meta.pageCount !== undefined ? { pageCount: meta.pageCount } : {}),
      ...(meta.encoding ? { encoding: meta.encoding } : {}),
      warnings: this.warnings,
    };
  }
}
