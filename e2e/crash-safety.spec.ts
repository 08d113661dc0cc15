/**
 * Whatever stops in the middle of adding a file (the tab closed, the worker building it killed),
 * the stored library stays whole: never a document without all its passages, never one listed
 * twice, and the file is finished by the next start or said to be not added.
 */
import { expect, test, type Page } from '@playwright/test';
import { addFile, addFileAndWait, documentItem, expectLibraryReady, openReady } from './support/app';
import { BEEKEEPING, VOLCANOES } from './fixtures/documents';

test.describe.configure({ timeout: 240_000 });

function largeText(megabytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const paragraph = `Field log ${i}, entry ${(i * 104729) % 7919}. ${VOLCANOES.replace(/magma/g, `magma batch ${i}`)}\n\n`;
    parts.push(paragraph);
    size += paragraph.length;
  }
  return parts.join('');
}

/** Every stored document with the passages it says it has and the passages actually stored, and the queue's size. */
async function storedState(page: Page): Promise<{ docs: { name: string; chunkCount: number; stored: number }[]; queue: number }> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('hearth');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['documents', 'chunks', 'queue']);
      const docs = tx.objectStore('documents').getAll();
      const chunks = tx.objectStore('chunks').getAllKeys();
      const queue = tx.objectStore('queue').count();
      tx.oncomplete = () => {
        const perDoc = {};
        for (const key of chunks.result) { const doc = String(key).split(':')[0]; perDoc[doc] = (perDoc[doc] ?? 0) + 1; }
        resolve({ docs: docs.result.map((d) => ({ name: d.name, chunkCount: d.chunkCount, stored: perDoc[d.id] ?? 0 })).sort((a, b) => a.name.localeCompare(b.name)), queue: queue.result });
        db.close();
      };
    };
  })`);
}

async function expectWhole(page: Page, names: string[]): Promise<void> {
  const state = await storedState(page);
  expect(state.docs.map((d) => d.name)).toEqual([...names].sort());
  for (const doc of state.docs) expect(doc.stored, `${doc.name}: passages stored`).toBe(doc.chunkCount);
  expect(state.queue).toBe(0);
}

test('a tab closed while it adds a file: the next tab finishes the file, and the library is whole', async ({ page, context }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFile(page, 'field-log.txt', largeText(2));
  await expect(page.locator('.ingest-queue li.queue-item[data-stage="embedding"]')).toHaveCount(1, { timeout: 60_000 });
  await page.close();

  const next = await context.newPage();
  await next.goto('/');
  await expectLibraryReady(next);
  await expect(next.locator('.ingest-queue li.queue-item', { hasText: 'field-log.txt' })).toContainText('Picked up again', { timeout: 20_000 });
  await expect(documentItem(next, 'field-log.txt')).toBeVisible({ timeout: 200_000 });
  await expect(documentItem(next, 'field-log.txt')).toHaveCount(1);
  await expectWhole(next, ['bees.md', 'field-log.txt']);
});
