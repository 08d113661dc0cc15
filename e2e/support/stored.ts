/** What is stored, read straight from IndexedDB in the page, and large documents to add: for tests of what survives faults. */
import { expect, type Page } from '@playwright/test';
import { VOLCANOES } from '../fixtures/documents';

/** About `megabytes` MB of varied plain text: numbered paragraphs that each read differently. */
export function largeText(megabytes: number, label = 'Field log'): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const paragraph = `${label} ${i}, entry ${(i * 104729) % 7919}. ${VOLCANOES.replace(/magma/g, `magma batch ${i}`)}\n\n`;
    parts.push(paragraph);
    size += paragraph.length;
  }
  return parts.join('');
}

export interface StoredState {
  /** Every document: the passages it says it has, and the passages stored for it. */
  docs: { name: string; chunkCount: number; stored: number }[];
  queue: number;
}

export async function storedState(page: Page): Promise<StoredState> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('hearth');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['documents', 'chunks', 'queue']);
      const docs = tx.objectStore('documents').getAll();
      const chunks = tx.objectStore('chunks').getAll();
      const queue = tx.objectStore('queue').count();
      tx.oncomplete = () => {
        const perDoc = {};
        for (const chunk of chunks.result) perDoc[chunk.docId] = (perDoc[chunk.docId] ?? 0) + 1;
        resolve({ docs: docs.result.map((d) => ({ name: d.name, chunkCount: d.chunkCount, stored: perDoc[d.id] ?? 0 })).sort((a, b) => a.name.localeCompare(b.name)), queue: queue.result });
        db.close();
      };
    };
  })`);
}

/** Exactly these documents, each with all of its passages, and nothing left queued. */
export async function expectWhole(page: Page, names: string[]): Promise<void> {
  const state = await storedState(page);
  expect(state.docs.map((d) => d.name)).toEqual([...names].sort());
  for (const doc of state.docs) expect(doc.stored, `${doc.name}: passages stored`).toBe(doc.chunkCount);
  expect(state.queue).toBe(0);
}

/** Bytes the origin stores once its usage has stopped changing (checked every half second). */
export async function settledUsage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let last = -1;
    for (;;) {
      const now = (await navigator.storage.estimate()).usage ?? 0;
      if (now === last) return now;
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
}
