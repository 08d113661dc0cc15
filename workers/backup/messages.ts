/** What the page and the worker say to each other about backups (added to retrieval.protocol.ts). */
import type { Settings } from '../../src/lib/config/settings';
import type { BackupModels } from './format';

/** What only the page knows: the settings (localStorage) and the models it chose. */
export interface BackupRequest {
  settings: Settings;
  models: BackupModels;
}

export interface BackupExportResult {
  backup: Blob;
  documents: number;
  conversations: number;
}

export type BackupRestoreStage = 'verifying' | 'embedding' | 'saving' | 'checking';

export type BackupRestoreEvent = { kind: 'progress'; stage: BackupRestoreStage; done: number; total: number };

export interface BackupRestoreResult {
  /** What was added, as read back after the write. */
  documents: number;
  chunks: number;
  originals: number;
  conversations: number;
  /** Names of documents already held (same content or same id), not added again. */
  skippedDocuments: string[];
  /** Conversations already held (same id), not added again. */
  skippedConversations: number;
  /** Passages embedded again because the backup was made with another embedder (or none). */
  reembedded: number;
  /** The backup's embedder id (null when it holds no vectors). */
  embedder: string | null;
  /** SHA-256 over every record written, recomputed from what was read back (it matched). */
  checksum: string;
  /** The backup's settings (without secrets), for the page to offer; applied only if asked. */
  settings: Settings;
  models: BackupModels;
  createdAt: string;
}
