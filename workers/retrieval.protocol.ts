/**
 * The retrieval worker's protocol: it embeds (transformers.js), indexes (BM25 + vectors) and
 * searches, so none of that work runs on the page's main thread.
 */
import type { EmbedderModel, RerankerModel } from '../src/lib/catalog/types';
import type { DocumentRecord, SourceRef } from '../src/lib/storage/schema';
import type { FormatId } from '../src/lib/ingest/formats';
import type { BlockKind } from '../src/lib/ingest/parsed';
import type { BackupExportResult, BackupRequest } from './backup/messages';

export interface LoadProgress {
  kind: 'progress';
  /** File being fetched, e.g. "onnx/model_quantized.onnx". */
  file: string;
  loadedBytes: number;
  totalBytes: number;
}

export interface SearchHit extends Omit<SourceRef, 'n'> {
  score: number;
}

export interface InitPayload {
  embedder: EmbedderModel;
  /** Base URL of model files in Hugging Face layout (public host or an organization's mirror). */
  modelBaseUrl: string;
  /** Cross-encoder for `search` with `rerank: true`; downloaded on the first such search. */
  reranker?: RerankerModel;
}

/** How the search indexes were loaded at start-up. */
export interface IndexLoadReport {
  source: 'snapshot' | 'rebuilt';
  /** Why the snapshot was not used: none yet, unreadable, an older format, or made for other documents. */
  reason?: 'missing' | 'corrupt' | 'format' | 'stale';
  chunks: number;
  ms: number;
}

export interface InitResult {
  documents: number;
  chunks: number;
  threads: number;
  loadMs: number;
  /** Whether the search indexes came from their snapshot or were rebuilt from every chunk, and why. */
  index: IndexLoadReport;
}

export interface SearchPayload {
  query: string;
  k: number;
  /** Only search these documents (all when absent; none when empty). */
  docIds?: string[];
  /** Reorder the top 20 fused candidates with the init's reranker before cutting to k. Default false. */
  rerank?: boolean;
  /** MMR diversity, 0–1 (1 − lambda): 0 is plain relevance order. Default 0.3 (lambda 0.7). */
  diversity?: number;
}

/**
 * Whether the library seems to answer the query at all (src/lib/core/relevance.ts), from the same
 * candidates the hits came from; it never changes their order.
 */
export interface SearchRelevance {
  /**
   * 0 … 1, calibrated on SQuAD (bench/suites/abstention.ts): near 1 when the best passage matches the
   * query's rare terms, low when it matches only common words or none. Comparable across queries and
   * library sizes, unlike hit scores. Computed from BM25 statistics only: dense cosines and reranker
   * scores appear in `features` but carry no weight until calibrated with real model weights.
   */
  score: number;
  /**
   * score is below the calibrated threshold: answer "the documents don't say" without calling the
   * LLM, and show the hits as the closest passages. Always true when the query has no searchable
   * terms (only stop words or punctuation).
   */
  abstain: boolean;
  /**
   * The inputs, for display and debugging: terms (distinct analyzed query terms), topScore (best
   * candidate's raw BM25 score; not comparable across libraries), scoreRatio (topScore ÷ the query's
   * largest attainable BM25 score), coverage (IDF-weighted share of query terms in the best
   * passage), termCoverage (unweighted share), knownTerms (IDF-weighted share present anywhere in the
   * library); with a query vector, denseTop (best cosine) and agreement (overlap of the BM25 and dense
   * top 5 among the candidates); when reranked, rerank (sigmoid of the best logit).
   */
  features: Record<string, number>;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Whether the hits are relevant at all: `abstain` means the documents do not seem to answer. */
  relevance: SearchRelevance;
  /** searchMs excludes rerankMs, which includes the reranker's download on first use. */
  timings: { embedMs: number; searchMs: number; rerankMs?: number };
}

/** The text just around a passage in its document (for the passage view). */
export interface PassageSurroundings {
  before: string;
  after: string;
}

/** A block of the document text around a passage (offsets in the document text, as chunks have them). */
export interface PassageBlock {
  kind: BlockKind;
  /** Headings: 1–6. */
  level?: number;
  start: number;
  end: number;
}

/** The text around a passage with its structure, for rendering it as the document shows it. */
export interface PassageText extends PassageSurroundings {
  format: FormatId | null;
  /** Blocks overlapping before + passage + after, in order: from the original re-read when kept, else inferred. */
  blocks: PassageBlock[];
}

/** A rectangle as fractions of the page (0–1, from its top-left corner). */
export interface PageRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PageRenderPayload {
  docId: string;
  /** 1-based. */
  page: number;
  /** The passage text to highlight on the page. */
  passage: string;
  /** Only part of the passage is on this page (it runs over a page range). */
  partial: boolean;
  /** CSS pixels the page is shown at, and the screen's device pixel ratio. */
  width: number;
  pixelRatio: number;
}

/** A cited PDF page drawn from the kept original (workers/retrieval/page-render.ts). */
export type RenderedPage =
  | {
      kind: 'page';
      page: number;
      pageCount: number;
      /** The page at `width × pixelRatio` device pixels (less for a huge page). */
      image: ImageBitmap;
      /** CSS size it is shown at. */
      width: number;
      height: number;
      /** Boxes over the passage; empty when `located` is false. */
      highlights: PageRect[];
      located: boolean;
    }
  /** No page to show: not a PDF, no original kept, it needs a password, or there is no such page. */
  | { kind: 'unavailable'; reason: 'not-pdf' | 'no-original' | 'password' | 'no-page' };

/** Documents stored and deleted since the indexes were loaded (see src/lib/storage/library-changes.ts). */
export interface LibrarySync {
  added: string[];
  removed: string[];
}

/**
 * The retrieval worker reads the document store (documents, chunks, originals) for the page, which
 * reads it only through these requests; writes go through the library worker (library.protocol.ts).
 * `list`, `passageText` and `renderPage` work before `init`.
 */
export type RetrievalProtocol = {
  list: { payload: Record<string, never>; event: never; result: { documents: DocumentRecord[] } };
  /** The surroundings with their blocks (headings, lists, code) for the passage view. */
  passageText: { payload: { docId: string; start: number; end: number }; event: never; result: PassageText };
  /** A cited PDF page with the passage highlighted, drawn in this worker (pdf.js on an OffscreenCanvas). */
  renderPage: { payload: PageRenderPayload; event: never; result: RenderedPage };
  init: { payload: InitPayload; event: LoadProgress; result: InitResult };
  /**
   * The library now holds another embedder's vectors (the library worker switched it): load that
   * embedder and its indexes, then answer with them. Until both are ready the old ones answer every
   * search, so no search ever compares a question's vector with another model's passages.
   */
  switchEmbedder: { payload: Omit<InitPayload, 'reranker'>; event: LoadProgress; result: InitResult };
  /** Bring the indexes up to date with documents stored or deleted (by this window or another). */
  sync: { payload: LibrarySync; event: never; result: { chunks: number } };
  search: { payload: SearchPayload; event: never; result: SearchResult };
  /** The documents as one knowledge pack file (workers/pack/format.ts). */
  exportPack: { payload: { docIds: string[]; includeOriginals: boolean }; event: never; result: { pack: Blob } };
  /** Everything (documents with originals, conversations, the page's settings and model ids) as one backup file (workers/backup/format.ts); restoring is the library worker's. */
  exportBackup: { payload: BackupRequest; event: never; result: BackupExportResult };
  embed: { payload: { texts: string[]; kind: 'query' | 'passage' }; event: never; result: { vectors: Float32Array[] } };
};
