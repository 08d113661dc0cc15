/**
 * Upgrading keeps everything: libraries written by Hearth's older code open in this version with
 * their documents, passages, vectors and conversations intact and searchable.
 * - fixtures/v1-library.json: IndexedDB version 1, recorded from commit 1d764b1.
 * - fixtures/v2-library.json: IndexedDB version 2 (float32 vectors, originals in OPFS), recorded
 *   from commit 0ebc696 by driving its UI (a 3-page PDF and a Markdown file added, one question
 *   answered with sources) and dumping every store and original.
 * - fixtures/v3-library.json: IndexedDB version 3 (float16 vectors), recorded the same way from
 *   commit 4fa9a18: a German, a Japanese and an English document, one question asked in German.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chunkTerms } from '../src/lib/core/chunk-terms';
import { DB_VERSION } from '../src/lib/storage/schema';
import { ask, documentItem, expectLibraryReady, lastAnswer, serveOwnTestCatalog, useCatalog, waitForAnswerDone } from './support/app';

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
  const out = { version: db.version, stores: [...db.objectStoreNames], documents: await all('documents'), chunks: (await all('chunks')).map((c) => ({ id: c.id, headingPath: c.headingPath, dims: c.vector.length, encoding: c.vector.constructor.name, vector: Array.from(c.vector), text: c.text, docId: c.docId, terms: c.terms, page: c.page, pageEnd: c.pageEnd })), conversations: await all('conversations') };
  db.close();
  return out;
})()`;

interface StoredChunk {
  id: string;
  headingPath: string[];
  dims: number;
  encoding: string;
  vector: number[];
  text: string;
  docId: string;
  terms: string[];
  page?: number;
  pageEnd?: number;
}

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
    chunks: StoredChunk[];
    conversations: { id: string; messages: unknown[] }[];
  };
  expect(after.version).toBe(DB_VERSION);
  expect(after.stores).toContain('queue');
  expect(after.documents.map((d) => d.id).sort()).toEqual(V1.documents.map((d) => d.id).sort());
  const bees = after.documents.find((d) => d.name === 'bees.md');
  expect(bees).toMatchObject({ format: 'markdown', contentHash: null, warnings: [], hasOriginal: false });
  expect(bees?.storedBytes).toBeGreaterThan(0);
  expect(after.documents.find((d) => d.name === 'volcanoes.txt')?.format).toBe('text');
  expect(after.chunks.map((c) => c.id).sort()).toEqual(V1.chunks.map((c) => c.id).sort());
  for (const c of after.chunks) {
    expect(c).toMatchObject({ headingPath: [], dims: 32, encoding: 'Uint16Array' });
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

const V2 = JSON.parse(readFileSync(new URL('./fixtures/v2-library.json', import.meta.url), 'utf8')) as {
  schemaCreation: string;
  documents: { id: string; name: string; storedBytes: number; chunkCount: number }[];
  chunks: { id: string; docId: string; vector: number[]; page?: number; pageEnd?: number; headingPath: string[] }[];
  conversations: { id: string; messages: unknown[] }[];
  originals: Record<string, string>;
};

/** Version 2's schema (as its own code made it), its records with float32 vectors, and its originals in OPFS. */
const WRITE_V2 = `(async (data) => {
  const createSchema = ${V2.schemaCreation};
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('hearth', 2);
    req.onupgradeneeded = () => createSchema(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction(['documents', 'chunks', 'conversations'], 'readwrite');
  for (const d of data.documents) tx.objectStore('documents').put(d);
  for (const c of data.chunks) tx.objectStore('chunks').put({ ...c, vector: Float32Array.from(c.vector) });
  for (const c of data.conversations) tx.objectStore('conversations').put(c);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('originals', { create: true });
  for (const [id, base64] of Object.entries(data.originals)) {
    const writable = await (await dir.getFileHandle(id, { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)));
    await writable.close();
  }
})`;

test('a version-2 library gets float16 vectors that rank as before, and keeps its pages, originals and conversation', async ({ page }) => {
  await page.goto('/icons/icon.svg');
  await page.evaluate(`${WRITE_V2}(${JSON.stringify(V2)})`);

  await useCatalog(page);
  await expectLibraryReady(page);
  for (const doc of V2.documents) await expect(documentItem(page, doc.name)).toBeVisible();
  await expect(documentItem(page, 'lighthouse.pdf')).toContainText('3 pages');

  const after = (await page.evaluate(READ_BACK)) as { version: number; documents: { id: string; storedBytes: number }[]; chunks: StoredChunk[]; conversations: { messages: unknown[] }[] };
  expect(after.version).toBe(DB_VERSION);
  expect(after.chunks.map((c) => c.id).sort()).toEqual(V2.chunks.map((c) => c.id).sort());
  for (const c of after.chunks) {
    const old = V2.chunks.find((o) => o.id === c.id);
    expect(c).toMatchObject({ encoding: 'Uint16Array', dims: 32, headingPath: old?.headingPath, page: old?.page, pageEnd: old?.pageEnd });
    // The float16 vector decodes to the old unit vector within float16's precision.
    const norm = Math.hypot(...(old?.vector ?? []));
    const decoded = c.vector.map(halfToFloat);
    decoded.forEach((x, i) => expect(Math.abs(x - (old?.vector[i] ?? 0) / norm)).toBeLessThan(1e-3));
  }
  for (const doc of V2.documents) {
    // Two bytes saved per dimension of every passage.
    expect(after.documents.find((d) => d.id === doc.id)?.storedBytes).toBe(doc.storedBytes - doc.chunkCount * 32 * 2);
  }
  expect(after.conversations[0]?.messages).toEqual(V2.conversations[0]?.messages);

  await ask(page, 'How often does the fog horn sound?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('lighthouse.pdf');
});

const V3 = JSON.parse(readFileSync(new URL('./fixtures/v3-library.json', import.meta.url), 'utf8')) as {
  schemaCreation: string;
  documents: Record<string, unknown>[];
  chunks: ({ id: string; vector: number[] } & Record<string, unknown>)[];
  conversations: { id: string; messages: unknown[] }[];
  originals: Record<string, string>;
};

/** Version 3's schema (version 2's stores: version 3 changed data only), its records with float16 vectors, and its originals. */
const WRITE_V3 = `(async (data) => {
  const createSchema = ${V3.schemaCreation};
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open('hearth', 3);
    req.onupgradeneeded = () => createSchema(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction(['documents', 'chunks', 'conversations'], 'readwrite');
  for (const d of data.documents) tx.objectStore('documents').put(d);
  for (const c of data.chunks) tx.objectStore('chunks').put({ ...c, vector: Uint16Array.from(c.vector) });
  for (const c of data.conversations) tx.objectStore('conversations').put(c);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('originals', { create: true });
  for (const [id, base64] of Object.entries(data.originals)) {
    const writable = await (await dir.getFileHandle(id, { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)));
    await writable.close();
  }
})`;

test.describe('version 3', () => {
  // The offer below needs the test catalog's multilingual model, as this checkout's catalog lists it.
  test.use({ serviceWorkers: 'block' });

  test('a version-3 library learns its documents’ languages and keeps every record, vector and conversation as it was', async ({ page }) => {
    await serveOwnTestCatalog(page);
    await page.goto('/icons/icon.svg');
    await page.evaluate(`${WRITE_V3}(${JSON.stringify(V3)})`);

    await useCatalog(page);
    await expectLibraryReady(page);
    for (const doc of V3.documents) await expect(documentItem(page, doc.name as string)).toBeVisible();

    const after = (await page.evaluate(READ_BACK_ALL)) as { version: number; stores: string[]; staged: number; documents: Record<string, unknown>[]; chunks: ({ id: string; vector: number[]; encoding: string } & Record<string, unknown>)[]; conversations: unknown[] };
    expect(after.version).toBe(DB_VERSION);
    expect(after.stores).toContain('stagedVectors');
    expect(after.staged).toBe(0);
    // Every document as it was, plus the language of its text.
    const languages = { 'leuchtturm.txt': 'de', 'fuji.md': 'ja', 'volcanoes.txt': 'en' } as Record<string, string>;
    expect(after.documents).toHaveLength(V3.documents.length);
    for (const old of V3.documents) {
      expect(after.documents.find((d) => d.id === old.id)).toEqual({ ...old, language: languages[old.name as string] });
    }
    // Passages untouched: texts, terms, offsets and the very same float16 vectors.
    expect(after.chunks).toHaveLength(V3.chunks.length);
    for (const old of V3.chunks) {
      const { encoding, ...chunk } = after.chunks.find((c) => c.id === old.id) ?? { encoding: '' };
      expect(encoding).toBe('Uint16Array');
      expect(chunk).toEqual(old);
    }
    expect(after.conversations).toEqual(V3.conversations);

    // The library keeps its embedder; for the German and Japanese documents the multilingual one is offered.
    await expect(page.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert');
    await expect(page.getByRole('note')).toContainText(/because one of your documents is in (German|Japanese); Tiny BERT embedder \(test\) reads English only\./);

    // The old passages are searched and cited as before.
    await page.getByLabel('Question', { exact: true }).fill('Wie oft ertönt das Nebelhorn bei Nebel?');
    await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
    await expect(lastAnswer(page).locator('.source-chips')).toContainText('leuchtturm.txt');
  });
});

/** Every store's records as stored, vectors as numbers with their array type. */
const READ_BACK_ALL = `(async () => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('hearth'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const all = (store) => new Promise((resolve, reject) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const chunks = (await all('chunks')).map((c) => ({ ...c, encoding: c.vector.constructor.name, vector: Array.from(c.vector) }));
  const out = { version: db.version, stores: [...db.objectStoreNames], staged: (await all('stagedVectors')).length, documents: await all('documents'), chunks, conversations: await all('conversations') };
  db.close();
  return out;
})()`;

/** IEEE half-precision bits to a number (the test's own decoder, independent of the app's). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
