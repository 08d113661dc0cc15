/**
 * The passage a citation opened, shown beside the conversation (as a full-screen sheet on a
 * phone): its text in the text around it, with the document's structure (headings, lists, code;
 * the retrieval worker's `passageText`), and for a PDF whose original is kept, the cited page as it
 * looks with the passage highlighted on it (drawn by the worker's `renderPage`), page by page over
 * a page range.
 *
 * The page is drawn at the width the panel gives it (times the screen's pixel ratio): the panel
 * reports its width with `layout`, and a clearly different width (a turned phone, a resized
 * window) draws it again. Every request is tagged, so a late answer for a passage or page no
 * longer shown is dropped (and its bitmap freed).
 */
import { AppError } from '../errors';
import type { FormatId } from '../ingest/formats';
import type { RetrievalClient } from '../retrieval/client';
import type { SourceRef } from '../storage/schema';
import { deletedSource } from '../storage/scrub-document';
import type { PageRect, PassageBlock, RenderedPage } from '../../../workers/retrieval.protocol';

export type PageStatus = 'loading' | 'ready' | 'unavailable' | 'failed';

export interface PageView {
  /** The page shown (1-based). */
  page: number;
  status: PageStatus;
  /** The drawn page (status 'ready'). */
  image: ImageBitmap | null;
  /** CSS size the image was drawn for. */
  width: number;
  height: number;
  pageCount: number | null;
  highlights: PageRect[];
  located: boolean;
  /** Why there is no page, or why the passage is not highlighted on it. */
  note: PageNote | null;
}

export interface PassageView {
  source: SourceRef;
  before: string;
  after: string;
  /** Blocks of before + passage + after; [] until the worker answered (the passage shows as one paragraph). */
  blocks: PassageBlock[];
  format: FormatId | null;
  /** The cited pages (PDFs: page..pageEnd), [] for other formats. */
  pages: number[];
  /** Index in `pages` of the page shown. */
  pageIndex: number;
  /** The page shown; null when there are no pages. */
  pageView: PageView | null;
}

/** At most this many pages of a range can be paged through. */
const MAX_PAGES = 20;
/** A width this much different (CSS px) draws the page again. */
const REDRAW_DELTA = 24;
const RELAYOUT_MS = 200;

/** What the panel says under a page that is not drawn, or drawn without the passage marked (chat.passage.note.*). */
export type PageNote = { code: 'not-located' | 'no-original' | 'password' | 'no-page' } | { code: 'failed'; error: { code: string; message: string } };

function unavailableNote(reason: Extract<RenderedPage, { kind: 'unavailable' }>['reason']): PageNote | null {
  return reason === 'not-pdf' ? null : { code: reason };
}

export function citedPages(source: Pick<SourceRef, 'page' | 'pageEnd'>): number[] {
  if (source.page === undefined) return [];
  const last = Math.max(source.page, source.pageEnd ?? source.page);
  const pages: number[] = [];
  for (let p = source.page; p <= last && pages.length < MAX_PAGES; p++) pages.push(p);
  return pages;
}

function loadingPage(page: number, pageCount: number | null = null): PageView {
  return { page, status: 'loading', image: null, width: 0, height: 0, pageCount, highlights: [], located: false, note: null };
}

export class PassageState {
  open = $state.raw<PassageView | null>(null);
  #seq = 0;
  #client: RetrievalClient;
  #layout: { width: number; pixelRatio: number } | null = null;
  #drawn: { width: number; pixelRatio: number } | null = null;
  #render: AbortController | null = null;
  #relayout: ReturnType<typeof setTimeout> | null = null;

  constructor(client: RetrievalClient) {
    this.#client = client;
  }

  async show(source: SourceRef): Promise<void> {
    if (source.deleted) return; // nothing of it is left to show
    const seq = ++this.#seq;
    this.#stopRender();
    this.#free(this.open);
    const pages = citedPages(source);
    this.open = { source, before: '', after: '', blocks: [], format: null, pages, pageIndex: 0, pageView: pages.length ? loadingPage(pages[0] as number) : null };
    this.#drawn = null;
    if (pages.length && this.#layout) void this.#renderPage(seq);
    try {
      const text = await this.#client.call('passageText', { docId: source.docId, start: source.start, end: source.end });
      if (seq !== this.#seq || !this.open) return; // another passage was opened meanwhile
      this.open = { ...this.open, ...text };
    } catch {
      // The passage itself is already shown; its surroundings are a nicety.
    }
  }

  /** The width (CSS px) the panel has for the page, and the screen's pixel ratio. */
  layout(width: number, pixelRatio: number): void {
    if (!(width > 0)) return;
    this.#layout = { width: Math.round(width), pixelRatio };
    const view = this.open;
    if (!view?.pageView) return;
    const drawn = this.#drawn;
    if (drawn && Math.abs(drawn.width - width) < REDRAW_DELTA && drawn.pixelRatio === pixelRatio) return;
    if (this.#relayout) clearTimeout(this.#relayout);
    const seq = this.#seq;
    // The first drawing at once; a resize waits until the width settles.
    if (!drawn && !this.#render) void this.#renderPage(seq);
    else if (drawn) this.#relayout = setTimeout(() => seq === this.#seq && void this.#renderPage(seq), RELAYOUT_MS);
  }

  /** Show another page of the cited range (index into `pages`). */
  goToPage(index: number): void {
    const view = this.open;
    if (!view || index < 0 || index >= view.pages.length || index === view.pageIndex) return;
    this.#stopRender();
    this.#free(view);
    this.open = { ...view, pageIndex: index, pageView: loadingPage(view.pages[index] as number, view.pageView?.pageCount ?? null) };
    this.#drawn = null;
    if (this.#layout) void this.#renderPage(this.#seq);
  }

  /**
   * A document was deleted: a passage of it that is open says so, and keeps none of its text (the
   * page drawn from it, the text around it); answers still on their way are dropped.
   */
  documentRemoved(docId: string): void {
    const view = this.open;
    if (view?.source.docId !== docId) return;
    this.close();
    this.open = { source: deletedSource(view.source), before: '', after: '', blocks: [], format: null, pages: [], pageIndex: 0, pageView: null };
  }

  close(): void {
    this.#seq++;
    this.#stopRender();
    this.#free(this.open);
    this.#drawn = null;
    this.open = null;
  }

  async #renderPage(seq: number): Promise<void> {
    const view = this.open;
    const layout = this.#layout;
    if (!view?.pageView || !layout) return;
    this.#stopRender();
    const controller = new AbortController();
    this.#render = controller;
    const { source } = view;
    const page = view.pages[view.pageIndex] as number;
    const stale = () => seq !== this.#seq || this.#render !== controller || this.open?.pageView?.page !== page;
    try {
      const result = await this.#client.call(
        'renderPage',
        { docId: source.docId, page, passage: source.text, partial: view.pages.length > 1, width: layout.width, pixelRatio: layout.pixelRatio },
        { signal: controller.signal },
      );
      if (stale()) {
        if (result.kind === 'page') result.image.close();
        return;
      }
      this.#drawn = layout;
      const current = this.open as PassageView;
      const old = current.pageView;
      let pageView: PageView;
      if (result.kind === 'page') {
        pageView = {
          page,
          status: 'ready',
          image: result.image,
          width: result.width,
          height: result.height,
          pageCount: result.pageCount,
          highlights: result.highlights,
          located: result.located,
          note: result.located ? null : { code: 'not-located' },
        };
      } else {
        pageView = { ...loadingPage(page), status: 'unavailable', note: unavailableNote(result.reason) };
      }
      this.open = { ...current, pageView };
      old?.image?.close();
      // The panel changed width while this page was being drawn: draw it again for the new width.
      const now = this.#layout;
      if (result.kind === 'page' && now && (Math.abs(now.width - layout.width) >= REDRAW_DELTA || now.pixelRatio !== layout.pixelRatio)) {
        this.#relayout = setTimeout(() => seq === this.#seq && void this.#renderPage(seq), RELAYOUT_MS);
      }
    } catch (error) {
      if (stale() || (error instanceof AppError && error.code === 'ABORTED')) return;
      const failure = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'PAGE_RENDER_FAILED', message: String(error) };
      const current = this.open as PassageView;
      this.open = { ...current, pageView: { ...loadingPage(page), status: 'failed', note: { code: 'failed', error: failure } } };
    } finally {
      if (this.#render === controller) this.#render = null;
    }
  }

  #stopRender(): void {
    if (this.#relayout) clearTimeout(this.#relayout);
    this.#relayout = null;
    this.#render?.abort();
    this.#render = null;
  }

  #free(view: PassageView | null): void {
    view?.pageView?.image?.close();
  }
}
