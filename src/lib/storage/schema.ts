/**
 * What Hearth keeps in IndexedDB: documents, their chunks (text, terms, vector, page, heading
 * path), the ingestion queue, conversations. Originals live in the Origin Private File System.
 *
 * Version history (every change ships a migration in db.ts, tested from the older version's data):
 * 1. documents, chunks, conversations (text and Markdown only).
 * 2. documents gain format, content hash, pages, title, warnings, stored bytes and whether the
 *    original is kept; chunks gain page range and heading path; the ingestion queue store.
 * 3. chunk vectors are stored as float16 (half the bytes of float32, same ranking: see vector.ts).
 *    Later, optional fields only (no new version): `deleted` on a conversation's sources and quick-answer
 *    sentences, for a document deleted from this device (storage/scrub-document.ts); `thinking` on an
 *    assistant message (a reasoning model's thinking, apart from its answer); `promptTokens` and
 *    `reusedTokens` in an answer's stats.
 * 4. documents learn the language they are written in (core/language.ts); the stagedVectors store
 *    holds passages' vectors made by the embedder the library is switching to, until every passage
 *    has one and they replace the old vectors in one transaction (storage/reembed.ts).
 */
import type { DBSchema } from 'idb';
import type { FormatId } from '../ingest/formats';
import type { ParseWarning } from '../ingest/parsed';

export interface DocumentRecord {
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  textLength: number;
  chunkCount: number;
  /** The embedder that produced the stored vectors; another embedder means re-embedding. */
  embedderId: string;
  addedAt: number;
  /** v2 */
  format: FormatId;
  /** SHA-256 of the file's bytes, hex; null for documents added before version 2 (not known). */
  contentHash: string | null;
  /** The document's own title (PDF metadata, <title>, Word properties). */
  title?: string;
  pageCount?: number;
  encoding?: string;
  /** What could not be read (scanned pages, macros ignored). */
  warnings: ParseWarning[];
  /** The original file is kept in the Origin Private File System (originals/<id>). */
  hasOriginal: boolean;
  /** Bytes this document takes on the device: original + text + vectors + terms (estimated for text). */
  storedBytes: number;
  /** v4: the language of its text (ISO 639-1, or 'und' when it could not be told; core/language.ts). */
  language?: string;
}

export interface ChunkRecord {
  id: string;
  docId: string;
  index: number;
  text: string;
  /** Character offsets of the chunk in the document text. */
  start: number;
  end: number;
  /** Analyzed terms of the chunk, kept so the BM25 index rebuilds without re-analyzing. */
  terms: string[];
  /** v3: the L2-normalized embedding as float16 bit patterns (core/float16.ts); v1–v2 stored float32. */
  vector: Uint16Array;
  /** v2: first and last page of the chunk (1-based; PDFs only). */
  page?: number;
  pageEnd?: number;
  /** v2: headings the chunk sits under, outermost first ([] when the document has none). */
  headingPath: string[];
}

/**
 * v4: a passage's vector from the embedder the library is switching to. Kept apart from the chunk,
 * whose vector search goes on using, until every passage of the library has one; then all of them
 * replace the chunks' vectors in one transaction (storage/reembed.ts).
 */
export interface StagedVectorRecord {
  chunkId: string;
  docId: string;
  /** The embedder that made it (`embedderKey`: id, revision and dimensions). */
  embedder: string;
  /** The L2-normalized embedding as float16 bit patterns, as ChunkRecord.vector. */
  vector: Uint16Array;
}

/** A file accepted for ingestion but not yet stored as a document (its bytes wait in OPFS). */
export interface QueueRecord {
  /** Also the id the document will have, and the name of its original in OPFS. */
  id: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  contentHash: string;
  queuedAt: number;
  /** Replace this document when done (a new version of a file with the same name). */
  replaceDocId?: string;
  /** Times building it was resumed after a reload or a worker that stopped (absent: never). */
  attempts?: number;
}

/**
 * What an assistant message is (absent on older records: 'answer'):
 * - 'answer': written by the model from the passages in `sources`;
 * - 'extracts': a quick answer with no model, the best-matching sentences (`extracts`) quoted;
 * - 'not-found': retrieval found nothing relevant, so no model was asked; `sources` are the closest passages.
 */
export type AssistantKind = 'answer' | 'extracts' | 'not-found';

/** A sentence quoted from a passage, for a quick answer; `n` is its source's number. */
export interface Extract {
  n: number;
  text: string;
  /** Its document was deleted: the sentence is gone (`text` is ''), the mark stays where it was quoted. */
  deleted?: true;
}

export interface ChatMessageRecord {
  role: 'user' | 'assistant';
  /** The question, or the model's answer without its thinking (chat/thinking.ts). */
  content: string;
  /** A reasoning model's thinking, kept apart from the answer: shown folded, never cited or quoted. */
  thinking?: string;
  /** Passages shown to the model, numbered as in the prompt ([1] is sources[0]); for 'not-found', the closest passages. */
  sources?: SourceRef[];
  kind?: AssistantKind;
  /** For 'extracts': the quoted sentences, best first. */
  extracts?: Extract[];
  /** The model answered with the fixed "the documents don't say" sentence. */
  dontKnow?: boolean;
  /** The standalone query retrieval used, when it differs from the question (a rewritten follow-up). */
  searchQuery?: string;
  /** The passages were reordered by the cross-encoder. */
  reranked?: boolean;
  status?: 'done' | 'stopped' | 'error';
  error?: { code: string; message: string };
  /** promptTokens and reusedTokens (prompt tokens the engine held from the answer before) are newer and optional. */
  stats?: { firstTokenMs: number; tokensPerSecond: number; completionTokens: number; promptTokens?: number; reusedTokens?: number };
}

export interface SourceRef {
  n: number;
  chunkId: string;
  docId: string;
  docName: string;
  text: string;
  start: number;
  end: number;
  page?: number;
  pageEnd?: number;
  headingPath?: string[];
  /**
   * Its document was deleted from this device: the citation keeps `n`, `chunkId`, `docId` and
   * `docName`, but not what could tell its content (`text` is '', `start` and `end` are 0, no page
   * and no heading path). Shown as "[n] document deleted"; it cannot be opened.
   */
  deleted?: true;
}

export interface ConversationRecord {
  id: string;
  title: string;
  updatedAt: number;
  messages: ChatMessageRecord[];
}

export interface HearthDB extends DBSchema {
  documents: { key: string; value: DocumentRecord; indexes: { byAddedAt: number; byHash: string; byName: string } };
  chunks: { key: string; value: ChunkRecord; indexes: { byDoc: string } };
  conversations: { key: string; value: ConversationRecord; indexes: { byUpdatedAt: number } };
  queue: { key: string; value: QueueRecord; indexes: { byQueuedAt: number } };
  stagedVectors: { key: string; value: StagedVectorRecord; indexes: { byDoc: string; byEmbedder: string } };
}

export const DB_NAME = 'hearth';
export const DB_VERSION = 4;
