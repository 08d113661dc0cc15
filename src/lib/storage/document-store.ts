/**
 * Where documents and their chunks are kept, behind one small interface so the same pipeline runs
 * in the browser (IndexedDB: `idbDocumentStore` in documents.ts) and in Node (a folder on disk:
 * `FolderDocumentStore` in cli/folder-store.ts). Originals have their own interface (OriginalStore).
 *
 * Atomicity: `save`, `saveAll` and `remove` are all-or-nothing. When one fails, nothing it was
 * asked to do is visible afterwards (no half-written document, no chunks without their document,
 * no replaced document gone without its replacement), and the error is an AppError (STORAGE_FULL
 * or STORAGE_FAILED).
 */
import type { ChunkRecord, DocumentRecord } from './schema';

export interface DocumentStore {
  /** Every stored document, the most recently added first. */
  list(): Promise<DocumentRecord[]>;
  /** The document with this id; rejects with DOCUMENT_NOT_FOUND when there is none. */
  get(docId: string): Promise<DocumentRecord>;
  /** The stored document with these exact bytes (SHA-256 hex), if any. */
  withHash(contentHash: string): Promise<DocumentRecord | undefined>;
  /** A stored document with this file name, if any. */
  named(name: string): Promise<DocumentRecord | undefined>;
  /** The chunks of this document in document order ([] for a document not stored). */
  chunksOf(docId: string): Promise<ChunkRecord[]>;
  /** The texts of these chunks, in the order asked ('' for one that is gone). */
  chunkTexts(ids: readonly string[]): Promise<string[]>;
  /** Every stored chunk, in one read; used to rebuild the in-memory indexes at start-up. */
  allChunks(): Promise<ChunkRecord[]>;
  /** Store a finished document (under a new id) with its chunks, deleting `replaces` (a document id) with it; resolves to the removed chunk ids. */
  save(doc: DocumentRecord, chunks: ChunkRecord[], replaces?: string): Promise<string[]>;
  /** Store several finished documents: all of them, or (on any failure) none. */
  saveAll(entries: readonly { doc: DocumentRecord; chunks: ChunkRecord[] }[]): Promise<void>;
  /**
   * Delete a document and its chunks (IndexedDB: also its queue entry and its text in saved
   * conversations); resolves to the removed chunk ids ([] for a document not stored).
   */
  remove(docId: string): Promise<string[]>;
}
