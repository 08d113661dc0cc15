/**
 * Text-like files: plain text, Markdown, CSV/TSV (rows as table lines), JSON (re-indented so it
 * has lines to cut at), XML and logs, in whatever common encoding they were saved in.
 */
import { DocumentBuilder } from '../../src/lib/ingest/builder';
import { decodeText } from '../../src/lib/ingest/decode';
import { extensionOf } from '../../src/lib/ingest/formats';
import type { Parser, ParsedDocument, ParseContext } from '../../src/lib/ingest/parsed';
import { parseDelimited } from './csv';
import { addMarkdownBlocks } from './markdown-blocks';

function mimeFor(ext: string, markdown: boolean): string {
  if (markdown) return 'text/markdown';
  return ({ csv: 'text/csv', tsv: 'text/tab-separated-values', json: 'application/json', xml: 'application/xml' } as Record<string, string>)[ext] ?? 'text/plain';
}

function reindentJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

async function parse(bytes: Uint8Array, ctx: ParseContext, markdown: boolean): Promise<ParsedDocument> {
  ctx.onProgress(0, 1, 'part');
  const { text, encoding } = decodeText(ctx.name, bytes);
  const ext = extensionOf(ctx.name).slice(1);
  const out = new DocumentBuilder();
  if (ext === 'csv' || ext === 'tsv') {
    const rows = parseDelimited(text, ext === 'tsv' ? '\t' : undefined);
    // Blocks of rows, each led by the header row, so every chunk says what its columns are.
    const [header, ...body] = rows;
    const per = 40;
    for (let i = 0; i < Math.max(1, body.length); i += per) out.table(header ? [header, ...body.slice(i, i + per)] : body.slice(i, i + per));
  } else if (ext === 'json') {
    const pretty = reindentJson(text);
    if (pretty) out.code(pretty);
    else addMarkdownBlocks(out, text, false);
  } else {
    addMarkdownBlocks(out, text, markdown);
  }
  if (encoding === 'windows-1252') {
    out.warn({ code: 'LEGACY_ENCODING', source: 'file', message: 'This file was read as Windows-1252 text (it is not UTF-8); check that accented letters look right.' });
  }
  ctx.onProgress(1, 1, 'part');
  return out.build({ format: markdown ? 'markdown' : 'text', mimeType: mimeFor(ext, markdown), encoding });
}

export const textParser: Parser = { format: 'text', parse: (bytes, ctx) => parse(bytes, ctx, false) };
export const markdownParser: Parser = { format: 'markdown', parse: (bytes, ctx) => parse(bytes, ctx, true) };
