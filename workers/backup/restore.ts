/**
 * Restoring a backup, all or nothing: the whole file is verified first (read.ts) and what to add is
 * decided (plan.ts, embedding again when the backup was made with another embedder); then the
 * originals are written to OPFS, then documents, chunks and conversations in ONE IndexedDB
 * transaction; then everything written is read back and checked (verify.ts). A failure or a cancel
 * at any step, the check included, removes what was written, so the library is exactly as it was.
 * (Originals left by a tab closed mid-restore belong to no document and are swept at the next start.)
 */
import { appError } from '../../src/lib/errors';
import type { BackupStore } from '../../src/lib/storage/backup-store';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { LibraryEntry } from '../pack/from-library';
import type { PassageEmbedder } from '../retrieval/ingest';
import type { OriginalStore } from '../retrieval/originals';
import type { BackupRestoreEvent, BackupRestoreResult } from './messages';
import { planRestore, type RestorePlan } from './plan';
import { readBackup } from './read';
import { checkWritten, recordDigests, type CheckReport } from './verify';

export interface RestoreDeps {
  embedder: PassageEmbedder;
  documents: DocumentStore;
  originals: OriginalStore;
  store: BackupStore;
  emit: (event: BackupRestoreEvent) => void;
  signal: AbortSignal;
}

function stopIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw appError('ABORTED');
}

/** Restores the backup in `file`; `stored` is what was added, for the caller's search index. */
export async function restoreBackup(file: File, deps: RestoreDeps): Promise<BackupRestoreResult & { stored: LibraryEntry[] }> {
  const { emit, signal } = deps;
  emit({ kind: 'progress', stage: 'verifying', done: 0, total: 1 });
  const backup = await readBackup(new Uint8Array(await file.arrayBuffer()), file.name, signal);
  const held = { documents: await deps.documents.list(), conversationIds: await deps.store.conversationIds() };
  const plan = await planRestore(backup, held, {
    embedder: deps.embedder,
    onEmbedProgress: (done, total) => emit({ kind: 'progress', stage: 'embedding', done, total }),
    signal,
  });
  stopIfCancelled(signal);
  const report = await write(plan, deps);
  return {
    ...report,
    skippedDocuments: plan.skippedDocuments,
    skippedConversations: plan.skippedConversations,
    reembedded: plan.reembedded,
    embedder: backup.pack.manifest.embedder?.id ?? null,
    settings: backup.settings,
    models: backup.models,
    createdAt: backup.createdAt,
    stored: plan.entries,
  };
}

async function write(plan: RestorePlan, deps: RestoreDeps): Promise<CheckReport> {
  const { emit, signal, originals, store } = deps;
  const batch = { documents: plan.entries, conversations: plan.conversations };
  const docIds = plan.entries.map((e) => e.doc.id);
  const conversationIds = plan.conversations.map((c) => c.id);
  const expected = await recordDigests(batch);
  const withOriginal = plan.entries.filter((e) => e.original);
  const written: string[] = [];
  let committed = false;
  try {
    emit({ kind: 'progress', stage: 'saving', done: 0, total: withOriginal.length + 1 });
    for (const entry of withOriginal) {
      stopIfCancelled(signal);
      await originals.put(entry.doc.id, entry.original as Uint8Array);
      written.push(entry.doc.id);
      emit({ kind: 'progress', stage: 'saving', done: written.length, total: withOriginal.length + 1 });
    }
    await store.restore(batch, signal);
    committed = true;
    emit({ kind: 'progress', stage: 'checking', done: 0, total: 1 });
    const report = await checkWritten(expected, await store.readBack(docIds, conversationIds), plan.originalSha, originals);
    // The last moment a cancel counts: from here the result stands (nothing awaits before it is returned).
    stopIfCancelled(signal);
    return report;
  } catch (error) {
    // Should the undo itself fail, its error is thrown and the originals stay with their documents.
    if (committed) await store.undo(docIds, conversationIds);
    await Promise.all(written.map((id) => originals.remove(id).catch(() => undefined)));
    throw error;
  }
}
