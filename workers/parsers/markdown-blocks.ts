/**
 * Markdown (and plain text) → blocks, line by line: ATX and setext headings, fenced code, lists,
 * pipe tables and paragraphs separated by blank lines. Inline Markdown stays as written: it is
 * what a person typed, and the passage view renders it.
 */
import type { DocumentBuilder } from '../../src/lib/ingest/builder';

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?[\s:|-]+\|?\s*$/;

function flush(out: DocumentBuilder, para: string[], kind: 'paragraph' | 'list' | 'table'): void {
  if (para.length === 0) return;
  if (kind === 'list') out.list(para.map((l) => l.replace(LIST_ITEM, '')));
  else if (kind === 'table') {
    const rows = para.filter((l) => !TABLE_RULE.test(l)).map((l) => l.trim().replace(/^\||\|$/g, '').split('|'));
    out.table(rows);
  } else out.paragraph(para.join('\n'));
  para.length = 0;
}

/** Add the blocks of a Markdown text; `markdown: false` reads only paragraphs (plain text). */
export function addMarkdownBlocks(out: DocumentBuilder, text: string, markdown: boolean): void {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const para: string[] = [];
  let kind: 'paragraph' | 'list' | 'table' = 'paragraph';
  let fence: string | null = null;
  let code: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!markdown) {
      if (line.trim() === '') flush(out, para, 'paragraph');
      else para.push(line);
      continue;
    }
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) {
        out.code(code.join('\n'));
        fence = null;
        code = [];
      } else code.push(line);
      continue;
    }
    const fenceOpen = FENCE.exec(line);
    if (fenceOpen) {
      flush(out, para, kind);
      fence = (fenceOpen[1] as string).slice(0, 3);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush(out, para, kind);
      out.heading(atx[2] as string, (atx[1] as string).length);
      continue;
    }
    if (line.trim() === '') {
      flush(out, para, kind);
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && kind === 'paragraph' && para.length === 1) {
      const title = para.pop() as string;
      out.heading(title, (setext[1] as string).startsWith('=') ? 1 : 2);
      continue;
    }
    const lineKind = LIST_ITEM.test(line) ? 'list' : TABLE_ROW.test(line) ? 'table' : 'paragraph';
    // A list or table ends where other text begins; indented lines continue a list item.
    if (para.length > 0 && lineKind !== kind && !(kind === 'list' && /^\s{2,}\S/.test(line))) flush(out, para, kind);
    if (kind === 'list' && lineKind === 'paragraph' && para.length > 0) para[para.length - 1] += ` ${line.trim()}`;
    else {
      if (para.length === 0) kind = lineKind;
      para.push(line);
    }
  }
  if (fence !== null && code.length) out.code(code.join('\n'));
  flush(out, para, kind);
}
