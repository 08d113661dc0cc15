/**
 * The library worker's protocol: every write to the document store (adding files, deleting a
 * document, importing a knowledge pack) runs here, away from the retrieval worker, so a search is
 * answered at once while a large file is parsed and embedded. Each write holds the library's write
 * lock (library/write-lock.ts) and, once committed, is announced to every window and worker
 * (src/lib/storage/library-changes.ts).
 *
 * Requests carry the embedder they need, so a worker restarted after a crash or a hang takes the
 * next request without being set up again.
 */
import type { EmbedderModel } from '../src/lib/catalog/types';
import type { DocumentRecord, QueueRecord } from '../src/lib/storage/schema';
import type { BackupRestoreEvent, BackupRestoreResult } from './backup/messages';

export interface EmbedderChoice {
  embedder: EmbedderModel;
  /** Base URL of model files in Hugging Face layout (public host or an organization's mirror). */
  modelBaseUrl: string;
}

export type IngestStage = 'waiting' | 'loading' | 'reading' | 'chunking' | 'embedding' | 'saving';

export type IngestEvent =
  /** The file is safely queued (its bytes in OPFS): a reload or a restarted worker from here on resumes it. */
  | { kind: 'queued'; id: string }
  /** `unit`: pages read (PDF), parts read, passages embedded. */
  | { kind: 'progress'; stage: IngestStage; done: number; total: number; unit: 'page' | 'part' | 'passage' };

export type IngestPayload = EmbedderChoice &
  (
    /** A new file. A File crosses to the worker without its bytes being read on the page. */
    | { file: File; password?: string; replaceDocId?: string; keepBoth?: boolean }
    /** A file already queued (before a reload, or in a worker that stopped), by its queue id. */
    | { queuedId: string; password?: string }
  );

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

/** Embedding the library again with another model (workers/library/reembed.ts). */
export type ReembedEvent = {
  kind: 'progress';
  /** waiting: another window is doing it; loading: the new model; saving: the switch itself. */
  stage: 'waiting' | 'loading' | 'embedding' | 'saving';
  /**
   * embedding and saving: passages that have their new vector, of all the library's passages that
   * need one; loading: bytes of the model file being downloaded (0 of 0 when it is in the cache).
   */
  done: number;
  total: number;
};

export interface ReembedResult {
  /** The embedder every document's vectors now come from. */
  embedder: string;
  /** Documents switched by this run (empty when the library already was on it). */
  documents: string[];
  passages: number;
}

/** What deleting a document removed. */
export interface RemoveResult {
  removedChunks: number;
}

export type LibraryProtocol = {
  /**
   * Files queued that no window is building (left by a reload, a closed window or a crash), oldest
   * first: pass their ids to `ingest` to finish them. Also sweeps originals nothing owns.
   */
  queued: { payload: Record<string, never>; event: never; result: { queued: QueueRecord[] } };
  ingest: { payload: IngestPayload; event: IngestEvent; result: DocumentRecord };
  remove: { payload: { docId: string }; event: never; result: RemoveResult };
  /** Add a pack's documents: all of them or, on any failure, none. */
  importPack: { payload: EmbedderChoice & { file: File }; event: PackImportEvent; result: PackImportResult };
  /**
   * Bring every document's vectors to this embedder: embedded again from the passages' text, kept
   * apart until all are made, then switched in one transaction and announced ({kind: 'embedder'}).
   * Search keeps the old vectors until then; an interrupted run continues where it stopped.
   */
  reembed: { payload: EmbedderChoice; event: ReembedEvent; result: ReembedResult };
  /** Add a backup's documents and conversations: all of them, read back and checked, or (on any failure or cancel) none. */
  restoreBackup: { payload: EmbedderChoice & { file: File }; event: BackupRestoreEvent; result: BackupRestoreResult & { added: string[] } };
};
