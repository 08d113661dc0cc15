/**
 * The document store in IndexedDB (the browser's DocumentStore). A document and all of its chunks
 * are written in one transaction, together with removing its queue entry (and the document it
 * replaces), so a half-ingested document can never be read back and a finished one is never queued
 * twice; deleting is one transaction too, and takes the document's text out of saved conversations.
 */
import { appError } from '../errors';
import { openHearthDb, storageError } from './db';
import type { DocumentStore } from './document-store';
import { scrubConversation } from './scrub-document';
import type { ChunkRecord, DocumentRecord } from './schema';

/** Store a finished document; `replaces` (a document id) is deleted in the same transaction. */
async function saveDocument(doc: DocumentRecord, chunks: ChunkRecord[], replaces?: string): Promise<string[]> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction(['documents', 'chunks', 'queue'], 'readwrite');
    const chunkStore = tx.objectStore('chunks');
    let removed: string[] = [];
    if (replaces) {
      removed = await chunkStore.index('byDoc').getAllKeys(replaces);
      for (const id of removed) void chunkStore.delete(id);
      void tx.objectStore('documents').delete(replaces);
    }
    for (const chunk of chunks) void chunkStore.put(chunk);
    void tx.objectStore('documents').put(doc);
    void tx.objectStore('queue').delete(doc.id);
    await tx.done;
    return removed;
  } catch (error) {
    throw storageError(error);
  }
}

/** Store several finished documents in one transaction: all of them, or (on any failure) none. */
async function saveDocuments(entries: readonly { doc: DocumentRecord; chunks: ChunkRecord[] }[]): Promise<void> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction(['documents', 'chunks'], 'readwrite');
    for (const { doc, chunks } of entries) {
      for (const chunk of chunks) void tx.objectStore('chunks').put(chunk);
      void tx.objectStore('documents').put(doc);
    }
    await tx.done;
  } catch (error) {
    throw storageError(error);
  }
}

/**
 * Delete a document everywhere IndexedDB holds its text: its chunks, its queue entry, vectors staged
 * for a switch of embedder, and the passages and quoted sentences saved in conversations
 * (scrub-document.ts), all in one transaction,
 * so no reader ever sees the document gone but its text still quoted.
 */
async function deleteDocument(docId: string): Promise<string[]> {
  const db = await openHearthDb();
  try {
    const tx = db.transaction(['documents', 'chunks', 'conversations', 'queue', 'stagedVectors'], 'readwrite');
    const chunkIds = await tx.objectStore('chunks').index('byDoc').getAllKeys(docId);
    for (const id of chunkIds) void tx.objectStore('chunks').delete(id);
    for (const id of await tx.objectStore('stagedVectors').index('byDoc').getAllKeys(docId)) void tx.objectStore('stagedVectors').delete(id);
    void tx.objectStore('documents').delete(docId);
    void tx.objectStore('queue').delete(docId);
    const gone = new Set([docId]);
    for (let c = await tx.objectStore('conversations').openCursor(); c; c = await c.continue()) {
      const scrubbed = scrubConversation(c.value, gone);
      if (scrubbed) void c.update(scrubbed);
    }
    await tx.done;
    return chunkIds;
  } catch (error) {
    throw storageError(error);
  }
}

async function listDocuments(): Promise<DocumentRecord[]> {
  const db = await openHearthDb();
  const docs = await db.getAllFromIndex('documents', 'byAddedAt');
  return docs.reverse();
}

async function getDocument(docId: string): Promise<DocumentRecord> {
  const db = await openHearthDb();
  const doc = await db.get('documents', docId);
  if (!doc) throw appError('DOCUMENT_NOT_FOUND', { detail: docId });
  return doc;
}

/** The stored document with these exact bytes, if any. */
async function documentWithHash(contentHash: string): Promise<DocumentRecord | undefined> {
  const db = await openHearthDb();
  return db.getFromIndex('documents', 'byHash', contentHash);
}

/** A stored document with this file name, if any. */
async function documentNamed(name: string): Promise<DocumentRecord | undefined> {
  const db = await openHearthDb();
  return db.getFromIndex('documents', 'byName', name);
}

/** Every stored chunk, in one read; used to rebuild the in-memory indexes at start-up. */
async function allChunks(): Promise<ChunkRecord[]> {
  const db = await openHearthDb();
  return db.getAll('chunks');
}

/** The texts of these chunks, in order ('' for one that is gone), in one read. */
async function chunkTexts(ids: readonly string[]): Promise<string[]> {
  const db = await openHearthDb();
  const store = db.transaction('chunks').objectStore('chunks');
  const chunks = await Promise.all(ids.map((id) => store.get(id)));
  return chunks.map((c) => c?.text ?? '');
}

async function chunksOf(docId: string): Promise<ChunkRecord[]> {
  const db = await openHearthDb();
  const chunks = await db.getAllFromIndex('chunks', 'byDoc', docId);
  return chunks.sort((a, b) => a.index - b.index);
}

/** IndexedDB behind the DocumentStore interface; `save` also drops the document's queue entry. */
export const idbDocumentStore: DocumentStore = {
  list: listDocuments,
  get: getDocument,
  withHash: documentWithHash,
  named: documentNamed,
  chunksOf,
  chunkTexts,
  allChunks,
  save: saveDocument,
  saveAll: saveDocuments,
  remove: deleteDocument,
};
