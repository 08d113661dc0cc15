/**
 * What a backup reads and a restore writes besides the DocumentStore: every conversation, and the
 * restore's one transaction over documents, chunks and conversations (with its read-back and undo).
 * Behind an interface so the restore's logic is tested in Node (workers/backup/memory-library.ts);
 * the browser's is `idbBackupStore` in restore.ts.
 */
import type { ChunkRecord, ConversationRecord, DocumentRecord } from './schema';

export interface RestoreBatch {
  documents: readonly { doc: DocumentRecord; chunks: ChunkRecord[] }[];
  conversations: readonly ConversationRecord[];
}

export interface BackupStore {
  /** Every stored conversation, whole (messages and sources). */
  conversations(): Promise<ConversationRecord[]>;
  conversationIds(): Promise<Set<string>>;
  /**
   * Add every record of the batch in one transaction: all of them or, on any failure (a key already
   * taken, a full disk) or when `signal` aborts before it commits, none. Nothing held is overwritten.
   * Rejects with ABORTED, STORAGE_FULL or STORAGE_FAILED.
   */
  restore(batch: RestoreBatch, signal?: AbortSignal): Promise<void>;
  /** What is stored now under these ids, read in one transaction (absent records are left out). */
  readBack(docIds: readonly string[], conversationIds: readonly string[]): Promise<RestoreBatch>;
  /** Delete these documents (with their chunks) and conversations in one transaction. */
  undo(docIds: readonly string[], conversationIds: readonly string[]): Promise<void>;
}
