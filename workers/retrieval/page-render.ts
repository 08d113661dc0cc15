/**
 * A cited PDF page, drawn here in the retrieval worker: pdf.js (already loaded for parsing) renders
 * the kept original's page onto an OffscreenCanvas, and the passage is located on the page by its
 * text items (src/lib/render/locate-passage.ts). The page gets an ImageBitmap and the highlight
 * boxes; the PDF's bytes and pdf.js never leave this worker.
 *
 * pdf.js's display layer runs here without a DOM: canvases are OffscreenCanvases (the factory
 * below), SVG filters (used only for transfer functions and high-contrast colours) are skipped, and
 * glyphs are drawn as paths (`disableFontFace`, as for parsing: a worker has no document.fonts).
 * The last document opened stays open for a while, so paging through a range reads it once.
 */
import { appError } from '../../src/lib/errors';
import { locatePassage, spanRects, type LocatableItem } from '../../src/lib/render/locate-passage';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import { loadPdfjs, type Pdfjs } from '../parsers/pdfjs-env';
import type { PageRect, PageRenderPayload, RenderedPage } from '../retrieval.protocol';
import type { OriginalStore } from './originals';

type PDFDocumentProxy = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

export interface PageRenderDeps {
  documents: DocumentStore;
  originals: OriginalStore;
  signal: AbortSignal;
}

/** Largest bitmap drawn: 4096 px a side and 12 megapixels (a poster-sized page is drawn smaller). */
const MAX_SIDE = 4096;
const MAX_PIXELS = 12_000_000;
/** How long the last opened PDF stays open after its last page was drawn. */
const KEEP_OPEN_MS = 120_000;

interface CanvasAndContext {
  canvas: OffscreenCanvas | null;
  context: OffscreenCanvasRenderingContext2D | null;
}

/** pdf.js's CanvasFactory interface, on OffscreenCanvas (its default creates <canvas> elements). */
class OffscreenCanvasFactory {
  constructor(_options: { enableHWA?: boolean }) {}

  create(width: number, height: number): CanvasAndContext {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }

  reset(target: CanvasAndContext, width: number, height: number): void {
    if (!target.canvas) throw new Error('Canvas is not specified');
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    target.canvas.width = width;
    target.canvas.height = height;
  }

  destroy(target: CanvasAndContext): void {
    if (!target.canvas) throw new Error('Canvas is not specified');
    target.canvas.width = target.canvas.height = 0;
    target.canvas = null;
    target.context = null;
  }

  getNoAlphaContext(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D | null {
    return canvas.getContext('2d', { alpha: false, willReadFrequently: true });
  }
}

/** pdf.js's FilterFactory interface with no filters (its default builds SVG filters in a document). */
class NoFilterFactory {
  constructor(_options: { docId?: string; ownerDocument?: unknown }) {}
  addFilter(): string {
    return 'none';
  }
  addHCMFilter(): string {
    return 'none';
  }
  addAlphaFilter(): string {
    return 'none';
  }
  addLuminosityFilter(): string {
    return 'none';
  }
  addKnockoutFilter(): string {
    return 'none';
  }
  addHighlightHCMFilter(): string {
    return 'none';
  }
  addSelectionHCMFilter(): string {
    return 'none';
  }
  addSelectionFilter(): string {
    return 'none';
  }
  createSelectionStyle(): null {
    return null;
  }
  destroy(): void {}
}

interface OpenPdf {
  docId: string;
  doc: Promise<PDFDocumentProxy>;
  destroy: () => Promise<void>;
  timer: ReturnType<typeof setTimeout> | null;
}

let open: OpenPdf | null = null;

function close(): void {
  if (!open) return;
  const { destroy, timer } = open;
  if (timer) clearTimeout(timer);
  open = null;
  void destroy().catch(() => undefined);
}

async function openPdf(docId: string, originals: OriginalStore): Promise<PDFDocumentProxy | 'no-original' | 'password'> {
  if (open?.docId !== docId) {
    close();
    let task: ReturnType<Pdfjs['getDocument']> | null = null;
    const doc = (async () => {
      const bytes = await originals.get(docId);
      if (!bytes) throw appError('DOCUMENT_NOT_FOUND', { detail: `no original for ${docId}` });
      const { pdfjs, options } = await loadPdfjs();
      task = pdfjs.getDocument({ ...options, data: bytes, CanvasFactory: OffscreenCanvasFactory, FilterFactory: NoFilterFactory });
      return task.promise;
    })();
    open = { docId, doc, destroy: async () => { await doc.catch(() => undefined); await (task as ReturnType<Pdfjs['getDocument']> | null)?.destroy(); }, timer: null };
  }
  const current = open as NonNullable<typeof open>;
  if (current.timer) clearTimeout(current.timer);
  current.timer = setTimeout(close, KEEP_OPEN_MS);
  try {
    return await current.doc;
  } catch (error) {
    if (open === current) close();
    const name = (error as { name?: string; code?: string })?.name;
    if (name === 'PasswordException') return 'password';
    if ((error as { code?: string })?.code === 'DOCUMENT_NOT_FOUND') return 'no-original';
    throw error;
  }
}

type TextContentItem = Awaited<ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['getTextContent']>>['items'][number];

function isTextItem(item: TextContentItem): item is Extract<TextContentItem, LocatableItem> {
  return 'str' in item;
}

export async function renderPage(payload: PageRenderPayload, deps: PageRenderDeps): Promise<RenderedPage> {
  const doc = await deps.documents.get(payload.docId);
  if (doc.format !== 'pdf') return { kind: 'unavailable', reason: 'not-pdf' };
  if (!doc.hasOriginal) return { kind: 'unavailable', reason: 'no-original' };
  const pdf = await openPdf(doc.id, deps.originals);
  if (pdf === 'no-original' || pdf === 'password') return { kind: 'unavailable', reason: pdf };
  if (!Number.isInteger(payload.page) || payload.page < 1 || payload.page > pdf.numPages) return { kind: 'unavailable', reason: 'no-page' };
  if (deps.signal.aborted) throw appError('ABORTED');

  const page = await pdf.getPage(payload.page);
  try {
    const natural = page.getViewport({ scale: 1 });
    const cssWidth = Math.max(100, Math.min(payload.width, 2400));
    const ratio = Math.max(1, Math.min(payload.pixelRatio || 1, 4));
    let scale = (cssWidth * ratio) / natural.width;
    scale = Math.min(scale, MAX_SIDE / natural.width, MAX_SIDE / natural.height, Math.sqrt(MAX_PIXELS / (natural.width * natural.height)));
    const viewport = page.getViewport({ scale });
    const canvas = new OffscreenCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
    const task = page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport });
    const cancel = () => task.cancel();
    deps.signal.addEventListener('abort', cancel, { once: true });
    try {
      await task.promise;
    } catch (error) {
      if (deps.signal.aborted) throw appError('ABORTED');
      throw error;
    } finally {
      deps.signal.removeEventListener('abort', cancel);
    }

    const content = await page.getTextContent();
    const items = content.items.filter(isTextItem);
    const spans = locatePassage(items, payload.passage, { partial: payload.partial });
    const highlights: PageRect[] = (spans ? spanRects(items, spans) : []).map((r) => {
      // Two opposite corners into the viewport (which turns a rotated page and flips y).
      const [ax = 0, ay = 0] = viewport.convertToViewportPoint(r.x0, r.y0) as number[];
      const [bx = 0, by = 0] = viewport.convertToViewportPoint(r.x1, r.y1) as number[];
      return {
        left: Math.min(ax, bx) / viewport.width,
        top: Math.min(ay, by) / viewport.height,
        width: Math.abs(bx - ax) / viewport.width,
        height: Math.abs(by - ay) / viewport.height,
      };
    });
    return {
      kind: 'page',
      page: payload.page,
      pageCount: pdf.numPages,
      image: canvas.transferToImageBitmap(),
      width: cssWidth,
      height: (cssWidth * viewport.height) / viewport.width,
      highlights,
      located: spans !== null && highlights.length > 0,
    };
  } finally {
    page.cleanup();
  }
}
