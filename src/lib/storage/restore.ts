/**
 * A restore's writes in IndexedDB (BackupStore): documents, chunks and conversations added in ONE
 * transaction, so a restore that fails or is cancelled before it commits leaves every store as it
 * was. Records are added, never put: a key already held fails the transaction instead of replacing
 * what the person has.
 */
import { appError } from '../errors';
import type { BackupStore, RestoreBatch } from './backup-store';
import { openHearthDb, storageError } from './db';
import type { ChunkRecord, ConversationRecord, DocumentRecord } from './schema';

const STORES = ['documents', 'chunks', 'conversations'] as const;

async function restore(batch: RestoreBatch, signal?: AbortSignal): Promise<void> {
  const db = await openHearthDb();
  let onAbort: (() => void) | undefined;
  try {
    const tx = db.transaction([...STORES], 'readwrite');
    // A cancel while the requests are still running aborts the transaction; once it commits it is too late.
    onAbort = () => {
      try {
        tx.abort();
      } catch {
        // already committed or aborted
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // (a cancel while the database was opening fired before the listener was there)
    if (signal?.aborted) onAbort();
    // Failures surface through tx.done (a failed request aborts the transaction).
    const quiet = (request: Promise<unknown>) => void request.catch(() => undefined);
    for (const { doc, chunks } of batch.documents) {
      for (const chunk of chunks) quiet(tx.objectStore('chunks').add(chunk));
      quiet(tx.objectStore('documents').add(doc));
    }
    for (const conversation of batch.conversations) quiet(tx.objectStore('conversations').add(conversation));
    await tx.done;
  } catch (error) {
    if (signal?.aborted) throw appError('ABORTED');
    throw storageError(error);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

async function readBack(docIds: readonly string[], conversationIds: readonly string[]): Promise<RestoreBatch> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction([...STORES], 'readonly');
    const documents: { doc: DocumentRecord; chunks: ChunkRecord[] }[] = [];
    for (const id of docIds) {
      const doc = await tx.objectStore('documents').get(id);
      if (!doc) continue;
      const chunks = await tx.objectStore('chunks').index('byDoc').getAll(id);
      documents.push({ doc, chunks: chunks.sort((a, b) => a.index - b.index) });
    }
    const conversations: ConversationRecord[] = [];
    for (const id of conversationIds) {
      const record = await tx.objectStore('conversations').get(id);
      if (record) conversations.push(record);
    }
    await tx.done;
    return { documents, conversations };
  } catch (error) {
    throw storageError(error);
  }
}

async function undo(docIds: readonly string[], conversationIds: readonly string[]): Promise<void> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction([...STORES], 'readwrite');
    for (const id of docIds) {
      for (const chunkId of await tx.objectStore('chunks').index('byDoc').getAllKeys(id)) void tx.objectStore('chunks').delete(chunkId);
      void tx.objectStore('documents').delete(id);
    }
    for (const id of conversationIds) void tx.objectStore('conversations').delete(id);
    await tx.done;
  } catch (error) {
    throw storageError(error);
  }
}

async function conversations(): Promise<ConversationRecord[]> {
  const db = await openHearthDb();
  return db.getAll('conversations');
}

async function conversationIds(): Promise<Set<string>> {
  const db = await openHearthDb();
  return new Set(await db.getAllKeys('conversations'));
}

export const idbBackupStore: BackupStore = { conversations, conversationIds, restore, readBack, undo };
