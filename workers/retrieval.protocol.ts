/**
 * The retrieval worker's protocol: it embeds (transformers.js), indexes (BM25 + vectors) and
 * searches, so none of that work runs on the page's main thread.
 */
import type { EmbedderModel, RerankerModel } from '../src/lib/catalog/types';
import type { DocumentRecord, QueueRecord, SourceRef } from '../src/lib/storage/schema';

export interface LoadProgress {
  kind: 'progress';
  /** File being fetched, e.g. "onnx/model_quantized.onnx". */
  file: string;
  loadedBytes: number;
  totalBytes: number;
}

export type IngestStage = 'waiting' | 'reading' | 'chunking' | 'embedding' | 'saving';

export type IngestEvent =
  /** The file is safely queued (its bytes in OPFS): a reload from here on resumes it. */
  | { kind: 'queued'; id: string }
  /** `unit`: pages read (PDF), parts read, passages embedded. */
  | { kind: 'progress'; stage: IngestStage; done: number; total: number; unit: 'page' | 'part' | 'passage' };

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
  /** Files queued before the last reload that did not finish: pass their ids to `ingest` to resume. */
  queued: QueueRecord[];
  /** Whether the search indexes came from their snapshot or were rebuilt from every chunk, and why. */
  index: IndexLoadReport;
}

export type IngestPayload =
  /** A new file. A File crosses to the worker without its bytes being read on the page. */
  | { file: File; password?: string; replaceDocId?: string; keepBoth?: boolean }
  /** A file queued before a reload, by its queue id. */
  | { queuedId: string; password?: string };

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

export interface SearchResult {
  hits: SearchHit[];
  /** searchMs excludes rerankMs, which includes the reranker's download on first use. */
  timings: { embedMs: number; searchMs: number; rerankMs?: number };
}

export type PackImportEvent = { kind: 'progress'; stage: 'verifying' | 'embedding' | 'saving'; done: number; total: number };

export interface PackImportResult {
  /** The documents added (with their new ids). */
  documents: DocumentRecord[];
  /** Names of documents the library already held (same content), not added again. */
  skipped: string[];
  /** Passages embedded again because the pack was made with another embedder (or none). */
  reembedded: number;
  /** The pack's embedder id (null for a BM25-only pack). */
  embedder: string | null;
}

/** The text just around a passage in its document (for the passage view). */
export interface PassageSurroundings {
  before: string;
  after: string;
}

/**
 * The retrieval worker owns the document store (documents, chunks, originals, the queue): the page
 * reads it only through these requests. `list` and `surroundings` work before `init`.
 */
export type RetrievalProtocol = {
  list: { payload: Record<string, never>; event: never; result: { documents: DocumentRecord[] } };
  surroundings: { payload: { docId: string; start: number; end: number }; event: never; result: PassageSurroundings };
  init: { payload: InitPayload; event: LoadProgress; result: InitResult };
  ingest: { payload: IngestPayload; event: IngestEvent; result: DocumentRecord };
  remove: { payload: { docId: string }; event: never; result: { removedChunks: number } };
  search: { payload: SearchPayload; event: never; result: SearchResult };
  /** The documents as one knowledge pack file (workers/pack/format.ts). */
  exportPack: { payload: { docIds: string[]; includeOriginals: boolean }; event: never; result: { pack: Blob } };
  /** Add a pack's documents: all of them or, on any failure, none. */
  importPack: { payload: { file: File }; event: PackImportEvent; result: PackImportResult };
  embed: { payload: { texts: string[]; kind: 'query' | 'passage' }; event: never; result: { vectors: Float32Array[] } };
};
