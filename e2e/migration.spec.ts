/**
 * Upgrading keeps everything: a library written by Hearth's version-1 code (IndexedDB version 1,
 * recorded from commit 1d764b1 into fixtures/v1-library.json) opens in this version with its
 * documents, passages, vectors and conversation intact and searchable.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chunkTerms } from '../src/lib/core/chunk-terms';
import { ask, documentItem, expectLibraryReady, lastAnswer, useCatalog, waitForAnswerDone } from './support/app';

const V1 = JSON.parse(readFileSync(new URL('./fixtures/v1-library.json', import.meta.url), 'utf8')) as {
  documents: { id: string; name: string }[];
  chunks: { id: string; docId: string; vector: number[] }[];
  conversations: { id: string; messages: unknown[] }[];
};

/** Version 1's own schema creation (src/lib/storage/db.ts at 1d764b1), then its records as it stored them. */
const WRITE_V1 = `(async (data) => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('hearth', 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      const docs = db.createObjectStore('documents', { keyPath: 'id' });
      docs.createIndex('byAddedAt', 'addedAt');
      const chunks = db.createObjectStore('chunks', { keyPath: 'id' });
      chunks.createIndex('byDoc', 'docId');
      const convs = db.createObjectStore('conversations', { keyPath: 'id' });
      convs.createIndex('byUpdatedAt', 'updatedAt');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction(['documents', 'chunks', 'conversations'], 'readwrite');
  for (const d of data.documents) tx.objectStore('documents').put(d);
  for (const c of data.chunks) tx.objectStore('chunks').put({ ...c, vector: Float32Array.from(c.vector) });
  for (const c of data.conversations) tx.objectStore('conversations').put(c);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
})`;

const READ_BACK = `(async () => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('hearth'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const all = (store) => new Promise((resolve, reject) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const out = { version: db.version, stores: [...db.objectStoreNames], documents: await all('documents'), chunks: (await all('chunks')).map((c) => ({ id: c.id, headingPath: c.headingPath, dims: c.vector.length, isFloat32: c.vector instanceof Float32Array, text: c.text, docId: c.docId, terms: c.terms })), conversations: await all('conversations') };
  db.close();
  return out;
})()`;

test('a version-1 library is upgraded without losing a document, passage, vector or conversation', async ({ page }) => {
  await page.goto('/icons/icon.svg'); // the app's origin, without the app opening the database first
  await page.evaluate(`${WRITE_V1}(${JSON.stringify(V1)})`);

  await useCatalog(page);
  await expectLibraryReady(page);
  for (const doc of V1.documents) await expect(documentItem(page, doc.name)).toBeVisible();

  const after = (await page.evaluate(READ_BACK)) as {
    version: number;
    stores: string[];
    documents: { id: string; name: string; format: string; contentHash: null; warnings: unknown[]; hasOriginal: boolean; storedBytes: number }[];
    chunks: { id: string; headingPath: string[]; dims: number; isFloat32: boolean; text: string; docId: string; terms: string[] }[];
    conversations: { id: string; messages: unknown[] }[];
  };
  expect(after.version).toBe(2);
  expect(after.stores).toContain('queue');
  expect(after.documents.map((d) => d.id).sort()).toEqual(V1.documents.map((d) => d.id).sort());
  const bees = after.documents.find((d) => d.name === 'bees.md');
  expect(bees).toMatchObject({ format: 'markdown', contentHash: null, warnings: [], hasOriginal: false });
  expect(bees?.storedBytes).toBeGreaterThan(0);
  expect(after.documents.find((d) => d.name === 'volcanoes.txt')?.format).toBe('text');
  expect(after.chunks.map((c) => c.id).sort()).toEqual(V1.chunks.map((c) => c.id).sort());
  for (const c of after.chunks) {
    expect(c).toMatchObject({ headingPath: [], dims: 32, isFloat32: true });
    // Index terms are made again by this version's analyzer, as ingestion makes them.
    const name = V1.documents.find((d) => d.id === c.docId)?.name;
    expect(c.terms).toEqual(chunkTerms(name ?? '', [], c.text));
  }
  expect(after.conversations).toHaveLength(1);
  expect(after.conversations[0]?.messages).toEqual(V1.conversations[0]?.messages);

  // The old passages are searched and cited as before.
  await ask(page, 'What did the 1980 eruption of Mount St. Helens do?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
});
