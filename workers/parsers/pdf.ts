/**
 * The PDF parser: pdf.js reads each page's text items; layout (pdf-layout, pdf-columns,
 * pdf-blocks), quality (pdf-quality, pdf-scan) and structure (pdf-structure) turn them into
 * headings, paragraphs and lists with their pages. This file drives pdf.js and maps its failures
 * to AppError codes.
 */
import { AppError, appError } from '../../src/lib/errors';
import { DocumentBuilder } from '../../src/lib/ingest/builder';
import type { ParseContext, ParsedDocument, Parser } from '../../src/lib/ingest/parsed';
import { blockText, joinLines, mergeContinuations, pageBlocks, type PageBlock } from './pdf-blocks';
import { readingOrder } from './pdf-columns';
import { buildLines, toRuns, type Line, type PdfTextItem } from './pdf-layout';
import { assessPageText, type Verdict } from './pdf-quality';
import { imageCoverage, SCAN_COVERAGE } from './pdf-scan';
import { bodySize, dropRunningLines, headingLevels } from './pdf-structure';
import { cleanTitle, noTextMessage, pageRanges, pagesWithoutTextWarning } from './pdf-warnings';
import { loadPdfjs, type Pdfjs } from './pdfjs-env';
import { yieldToEventLoop } from '../yield';

type PDFDocumentProxy = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
type PDFPageProxy = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;
type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;

interface PageText {
  page: number;
  /** Ordinary horizontal text, in reading order. */
  flows: Line[][];
  /** Rotated or vertical text (margin notes, stamps, tategaki), after the rest of the page. */
  extra: Line[][];
}

function isTextItem(item: TextContent['items'][number]): item is TextContent['items'][number] & PdfTextItem {
  return 'str' in item;
}

/** A page's text items → flows of lines in reading order. */
function layoutPage(content: TextContent, page: number): PageText {
  const styles = content.styles as Record<string, { vertical?: boolean } | undefined>;
  const frames = toRuns(content.items.filter(isTextItem), (font) => styles[font]?.vertical === true);
  const main = buildLines(frames.get(0) ?? []);
  const rtl = main.filter((l) => l.rtl).length * 2 > main.length;
  const extra = [...frames].filter(([key]) => key !== 0).flatMap(([, runs]) => readingOrder(buildLines(runs)));
  return { page, flows: readingOrder(main, rtl), extra };
}

function pageText(p: PageText): string {
  return [...p.flows, ...p.extra].map((f) => f.map((l) => l.text).join('\n')).join('\n');
}

/** Is this page (with little or no text) covered by an image, as a scan is? */
async function isScan(page: PDFPageProxy, pdfjs: Pdfjs): Promise<boolean> {
  try {
    const ops = await page.getOperatorList();
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    return imageCoverage(ops.fnArray, ops.argsArray, pdfjs.OPS, Math.abs((x1 - x0) * (y1 - y0))) >= SCAN_COVERAGE;
  } catch {
    return false; // its drawing could not be read either: nothing to say about it
  }
}

/** pdf.js failures when opening → our codes. */
function openError(error: unknown, ctx: ParseContext): AppError {
  if (ctx.signal.aborted) return appError('ABORTED');
  if (error instanceof AppError) return error;
  const e = error as { name?: string; code?: number; message?: string };
  const detail = `${ctx.name}: ${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`;
  if (e?.name === 'PasswordException') {
    return appError(e.code === 2 || ctx.password ? 'PDF_PASSWORD_WRONG' : 'PDF_PASSWORD_REQUIRED', { detail, cause: error });
  }
  const message =
    e?.name === 'InvalidPDFException'
      ? 'This file is not a readable PDF: it is damaged, incomplete or not a PDF at all. Open it in its own app, save a fresh copy and add that.'
      : undefined;
  return appError('FILE_DAMAGED', { ...(message ? { message } : {}), detail, cause: error });
}

function throwIfAborted(ctx: ParseContext): void {
  if (ctx.signal.aborted) throw appError('ABORTED');
}

interface Reading {
  pages: PageText[];
  scanned: number[];
  undecodable: number[];
  failed: number[];
  /** Pages whose verdict was 'sparse' and that were kept (a title page, a divider). */
  sparse: number[];
}

async function readPages(doc: PDFDocumentProxy, pdfjs: Pdfjs, ctx: ParseContext): Promise<Reading> {
  const r: Reading = { pages: [], scanned: [], undecodable: [], failed: [], sparse: [] };
  const count = doc.numPages;
  for (let n = 1; n <= count; n++) {
    await yieldToEventLoop(); // let a cancel (or a search) in between pages
    throwIfAborted(ctx);
    let page: PDFPageProxy | undefined;
    try {
      page = await doc.getPage(n);
      const laid = layoutPage(await page.getTextContent(), n);
      const verdict: Verdict = assessPageText(pageText(laid)).verdict;
      if (verdict === 'noise') r.scanned.push(n);
      else if (verdict === 'undecodable') r.undecodable.push(n);
      else if (verdict === 'sparse' && (await isScan(page, pdfjs))) r.scanned.push(n);
      else {
        if (verdict === 'sparse') r.sparse.push(n);
        r.pages.push(laid);
      }
    } catch (error) {
      throwIfAborted(ctx);
      if (error instanceof AppError) throw error;
      r.failed.push(n);
    } finally {
      page?.cleanup();
    }
    ctx.onProgress(n, count, 'page');
  }
  return r;
}

async function titleOf(doc: PDFDocumentProxy): Promise<string | undefined> {
  try {
    const { info, metadata } = await doc.getMetadata();
    return cleanTitle((info as { Title?: unknown } | undefined)?.Title) ?? cleanTitle(metadata?.get('dc:title'));
  } catch {
    return undefined;
  }
}

function emit(b: DocumentBuilder, blocks: readonly PageBlock[]): void {
  const levels = headingLevels(blocks, bodySize(blocks));
  blocks.forEach((block, i) => {
    const level = levels[i];
    if (level !== undefined) b.heading(blockText(block), level, block.page);
    else if (block.kind === 'list') b.list(block.items!.map(joinLines), block.page, block.ordered);
    else b.paragraph(blockText(block), block.page, block.pageEnd);
  });
}

async function parse(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  throwIfAborted(ctx);
  let pdfjs: Pdfjs;
  let options: Awaited<ReturnType<typeof loadPdfjs>>['options'];
  try {
    ({ pdfjs, options } = await loadPdfjs());
  } catch (error) {
    throw appError('INTERNAL', { detail: `pdf.js did not load: ${String(error)}`, cause: error });
  }
  // pdf.js takes the buffer over (it may detach it): give it a copy, the caller keeps its bytes.
  const task = pdfjs.getDocument({ ...options, data: bytes.slice(), ...(ctx.password ? { password: ctx.password } : {}) });
  const stop = () => void task.destroy();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw openError(error, ctx);
    });
    const reading = await readPages(doc, pdfjs, ctx);
    const title = await titleOf(doc);
    throwIfAborted(ctx);
    const b = new DocumentBuilder();
    if (reading.failed.length === doc.numPages) {
      throw appError('FILE_DAMAGED', { detail: `${ctx.name}: no page of ${doc.numPages} could be read` });
    }
    const withoutText = pagesWithoutTextWarning(reading.scanned, reading.undecodable);
    const blocks = mergeContinuations(
      dropRunningLines(reading.pages).flatMap((p, i) => [...pageBlocks(p.flows, p.page), ...pageBlocks(reading.pages[i]!.extra, p.page)]),
    );
    emit(b, blocks);
    if (b.blockCount === 0) {
      const unread = [...reading.scanned, ...reading.undecodable];
      const message = noTextMessage(reading.scanned.length > 0, reading.undecodable.length > 0);
      throw appError('NO_TEXT', {
        ...(message ? { message } : {}),
        detail: `${ctx.name}: ${doc.numPages} pages; without text: ${pageRanges(unread) || 'none'}; blank: ${pageRanges(reading.sparse) || 'none'}`,
      });
    }
    if (withoutText) b.warn(withoutText);
    if (reading.failed.length) {
      const one = reading.failed.length === 1;
      b.warn({
        code: 'CONTENT_SKIPPED',
        message: `${one ? 'Page' : 'Pages'} ${pageRanges(reading.failed)} could not be read (the file is damaged there); the rest was read.`,
        pages: reading.failed,
      });
    }
    return b.build({ format: 'pdf', mimeType: 'application/pdf', ...(title ? { title } : {}), pageCount: doc.numPages });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // pdf.js's own failures were mapped above (opening) or per page: what is left is a bug here.
    throw ctx.signal.aborted ? appError('ABORTED') : appError('INTERNAL', { detail: `${ctx.name}: ${String(error)}`, cause: error });
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    await task.destroy().catch(() => undefined);
  }
}

export const pdfParser: Parser = { format: 'pdf', parse };
