/**
 * The document store. A document and all of its chunks are written in one transaction, so a
 * half-ingested document can never be read back; deleting removes both in one transaction too.
 */
import { appError } from '../errors';
import { openHearthDb, storageError } from './db';
import type { ChunkRecord, DocumentRecord } from './schema';

export async function saveDocument(doc: DocumentRecord, chunks: ChunkRecord[]): Promise<void> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction(['documents', 'chunks'], 'readwrite');
    const chunkStore = tx.objectStore('chunks');
    for (const chunk of chunks) void chunkStore.put(chunk);
    void tx.objectStore('documents').put(doc);
    await tx.done;
  } catch (error) {
    throw storageError(error);
  }
}

export async function deleteDocument(docId: string): Promise<string[]> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction(['documents', 'chunks'], 'readwrite');
    const chunkIds = await tx.objectStore('chunks').index('byDoc').getAllKeys(docId);
    for (const id of chunkIds) void tx.objectStore('chunks').delete(id);
    void tx.objectStore('documents').delete(docId);
    await tx.done;
    return chunkIds;
  } catch (error) {
    throw storageError(error);
  }
}

export async function listDocuments(): Promise<DocumentRecord[]> {
  const db = await openHearthDb();
  const docs = await db.getAllFromIndex('documents', 'byAddedAt');
  return docs.reverse();
}

export async function getDocument(docId: string): Promise<DocumentRecord> {
  const db = await openHearthDb();
  const doc = await db.get('documents', docId);
  if (!doc) throw appError('DOCUMENT_NOT_FOUND', { detail: docId });
  return doc;
}

/** Every stored chunk, in one read; used to rebuild the in-memory indexes at start-up. */
export async function allChunks(): Promise<ChunkRecord[]> {
  const db = await openHearthDb();
  return db.getAll('chunks');
}

export async function chunksOf(docId: string): Promise<ChunkRecord[]> {
  const db = await openHearthDb();
  const chunks = await db.getAllFromIndex('chunks', 'byDoc', docId);
  return chunks.sort((a, b) => a.index - b.index);
}
