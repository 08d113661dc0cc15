/**
 * The parser registry: one parser module per format of src/lib/ingest/formats.ts, loaded on first
 * use (pdf.js and mammoth are large, and most sessions add one kind of file). `parseFile` checks
 * the claimed format against the file's first bytes before any parser sees it.
 */
import { appError } from '../../src/lib/errors';
import { checkFile } from '../../src/lib/ingest/check';
import { sniff, type FormatId } from '../../src/lib/ingest/formats';
import type { ParseContext, ParsedDocument, Parser } from '../../src/lib/ingest/parsed';

const PARSERS: Record<FormatId, () => Promise<Parser>> = {
  pdf: async () => (await import('./pdf')).pdfParser,
  docx: async () => (await import('./docx')).docxParser,
  html: async () => (await import('./html')).htmlParser,
  markdown: async () => (await import('./text')).markdownParser,
  text: async () => (await import('./text')).textParser,
};

export async function parseFile(mimeType: string, bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const spec = checkFile(ctx.name, mimeType, bytes.byteLength);
  const sniffed = sniff(spec, bytes.subarray(0, 1024));
  if (!sniffed.ok) {
    const what = sniffed.actually ? `it is ${sniffed.actually}` : `it is not a ${spec.label} file`;
    throw appError('FILE_TYPE_MISMATCH', {
      message: `“${ctx.name}” is named like a ${spec.label} file, but ${what}. Check that it is the file you meant, and give it the right extension.`,
      detail: ctx.name,
    });
  }
  const parser = await PARSERS[spec.id]();
  const parsed = await parser.parse(bytes, ctx);
  if (parsed.blocks.length === 0) {
    if (parsed.warnings.some((w) => w.code === 'PAGES_WITHOUT_TEXT')) throw appError('NO_TEXT', { detail: ctx.name });
    throw appError('EMPTY_FILE', { message: `“${ctx.name}” has no text in it. Choose a file that contains text.`, detail: ctx.name });
  }
  return parsed;
}
