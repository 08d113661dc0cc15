/**
 * Backing up everything: every document with its chunks, vectors and kept original, every
 * conversation, and what the page sends (settings, the models' ids), as one backup file.
 */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { BackupStore } from '../../src/lib/storage/backup-store';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { LibraryEntry } from '../pack/from-library';
import type { OriginalStore } from '../retrieval/originals';
import type { BackupRequest } from './messages';
import { writeBackup } from './write';

export interface ExportDeps {
  /** The library's embedder: vectors go in only when every document was embedded by it. */
  embedder: EmbedderModel;
  documents: DocumentStore;
  originals: OriginalStore;
  store: BackupStore;
  createdBy: string;
}

export async function exportBackup(request: BackupRequest, deps: ExportDeps): Promise<{ bytes: Uint8Array; documents: number; conversations: number }> {
  // Oldest first, so a restore adds them in the order they were added here.
  const docs = (await deps.documents.list()).reverse();
  const conversations = await deps.store.conversations();
  if (docs.length === 0 && conversations.length === 0) throw appError('BACKUP_EMPTY');
  const entries: LibraryEntry[] = [];
  for (const doc of docs) {
    const original = doc.hasOriginal ? await deps.originals.get(doc.id) : null;
    entries.push({ doc, chunks: await deps.documents.chunksOf(doc.id), original });
  }
  const sameModel = entries.every((e) => e.doc.embedderId === deps.embedder.id);
  const bytes = await writeBackup({
    entries,
    embedder: sameModel ? deps.embedder : null,
    conversations,
    settings: request.settings,
    models: request.models,
    createdBy: deps.createdBy,
  });
  return { bytes, documents: docs.length, conversations: conversations.length };
}
