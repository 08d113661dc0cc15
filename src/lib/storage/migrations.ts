/**
 * Schema upgrades of Hearth's IndexedDB, one function per version step, run inside the browser's
 * versionchange transaction (so an upgrade either completes or leaves the old data untouched).
 * Each step is tested from data written by the previous version's own code (e2e/migration.spec.ts).
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { chunkTerms } from '../core/chunk-terms';
import { encodeHalves } from '../core/float16';
import { detectLanguageOfParts } from '../core/language';
import { normalize } from '../core/normalize';
import type { DocumentRecord, HearthDB } from './schema';

type UpgradeTx = IDBPTransaction<HearthDB, StoreNames<HearthDB>[], 'versionchange'>;

/** Version 1: the original three stores. */
function createV1(db: IDBPDatabase<HearthDB>): void {
  const docs = db.createObjectStore('documents', { keyPath: 'id' });
  docs.createIndex('byAddedAt', 'addedAt');
  const chunks = db.createObjectStore('chunks', { keyPath: 'id' });
  chunks.createIndex('byDoc', 'docId');
  const convs = db.createObjectStore('conversations', { keyPath: 'id' });
  convs.createIndex('byUpdatedAt', 'updatedAt');
}

/**
 * Version 2: documents learn their format, hash, warnings and size on the device; chunks their
 * heading path; a queue store holds files waiting to be ingested. Version-1 documents were all
 * text or Markdown, without a kept original; their hash is unknown (null), so a re-added copy is
 * not flagged as a duplicate, which loses nothing. Their chunks' BM25 terms are made again with
 * this version's analyzer (analyzer version 2: word segmentation for Thai and its neighbours,
 * letter–digit parts, case splits, contractions), as ingestion makes them (file name + text), or
 * questions analyzed the new way would miss old passages.
 */
async function toV2(db: IDBPDatabase<HearthDB>, tx: UpgradeTx): Promise<void> {
  const docs = tx.objectStore('documents');
  docs.createIndex('byHash', 'contentHash');
  docs.createIndex('byName', 'name');
  db.createObjectStore('queue', { keyPath: 'id' }).createIndex('byQueuedAt', 'queuedAt');

  const names = new Map((await docs.getAll()).map((d) => [d.id, d.name] as const));
  const bytesByDoc = new Map<string, number>();
  let chunkCursor = await tx.objectStore('chunks').openCursor();
  while (chunkCursor) {
    const chunk = chunkCursor.value;
    const terms = chunkTerms(names.get(chunk.docId) ?? '', [], chunk.text);
    const bytes = chunk.text.length * 2 + chunk.vector.byteLength + terms.reduce((n, t) => n + t.length * 2 + 8, 0);
    bytesByDoc.set(chunk.docId, (bytesByDoc.get(chunk.docId) ?? 0) + bytes);
    await chunkCursor.update({ ...chunk, terms, headingPath: Array.isArray(chunk.headingPath) ? chunk.headingPath : [] });
    chunkCursor = await chunkCursor.continue();
  }

  let docCursor = await docs.openCursor();
  while (docCursor) {
    const old = docCursor.value as Partial<DocumentRecord> & Pick<DocumentRecord, 'id' | 'name' | 'mimeType'>;
    const upgraded: DocumentRecord = {
      ...(old as DocumentRecord),
      format: old.format ?? (old.mimeType === 'text/markdown' ? 'markdown' : 'text'),
      contentHash: old.contentHash ?? null,
      warnings: old.warnings ?? [],
      hasOriginal: old.hasOriginal ?? false,
      storedBytes: old.storedBytes ?? bytesByDoc.get(old.id) ?? 0,
    };
    await docCursor.update(upgraded);
    docCursor = await docCursor.continue();
  }
}

/**
 * Version 3: chunk vectors become float16 (unit length first, as the index keeps them), which halves
 * what they take on the device and keeps the ranking (recall@10 against float32: see vector.ts). Each
 * document's storedBytes drops by the two bytes per dimension saved.
 */
async function toV3(tx: UpgradeTx): Promise<void> {
  const savedByDoc = new Map<string, number>();
  let chunkCursor = await tx.objectStore('chunks').openCursor();
  while (chunkCursor) {
    const chunk = chunkCursor.value;
    const old: unknown = chunk.vector;
    if (old instanceof Float32Array) {
      const vector = encodeHalves(normalize(old));
      savedByDoc.set(chunk.docId, (savedByDoc.get(chunk.docId) ?? 0) + old.byteLength - vector.byteLength);
      await chunkCursor.update({ ...chunk, vector });
    }
    chunkCursor = await chunkCursor.continue();
  }
  let docCursor = await tx.objectStore('documents').openCursor();
  while (docCursor) {
    const saved = savedByDoc.get(docCursor.value.id) ?? 0;
    if (saved > 0) await docCursor.update({ ...docCursor.value, storedBytes: Math.max(0, docCursor.value.storedBytes - saved) });
    docCursor = await docCursor.continue();
  }
}

/** Passages read per document to tell its language (a few thousand words). */
const LANGUAGE_SAMPLE_PASSAGES = 40;

/**
 * Version 4: every document learns the language it is written in, read from its passages as
 * ingestion reads it from a new file's text, so the embedder recommendation knows a library in
 * German or Japanese; and the stagedVectors store, where a switch to another embedder keeps the new
 * vectors until all of them are made (storage/reembed.ts). No existing record loses anything.
 */
async function toV4(db: IDBPDatabase<HearthDB>, tx: UpgradeTx): Promise<void> {
  const staged = db.createObjectStore('stagedVectors', { keyPath: 'chunkId' });
  staged.createIndex('byDoc', 'docId');
  staged.createIndex('byEmbedder', 'embedder');

  let docCursor = await tx.objectStore('documents').openCursor();
  while (docCursor) {
    // Some forty of its passages (the first by key), read in document order.
    const firstKeys = await tx.objectStore('chunks').index('byDoc').getAllKeys(docCursor.value.id, LANGUAGE_SAMPLE_PASSAGES);
    const passages = await Promise.all(firstKeys.map((id) => tx.objectStore('chunks').get(id)));
    const ordered = passages.filter((c) => c !== undefined).sort((a, b) => a.index - b.index);
    await docCursor.update({ ...docCursor.value, language: detectLanguageOfParts(ordered.map((c) => c.text)) });
    docCursor = await docCursor.continue();
  }
}

export async function upgrade(db: IDBPDatabase<HearthDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  if (oldVersion < 1) createV1(db);
  if (oldVersion < 2) await toV2(db, tx);
  if (oldVersion < 3) await toV3(tx);
  if (oldVersion < 4) await toV4(db, tx);
}
