/**
 * Running out of room, told plainly: a document that does not fit fails with STORAGE_FULL and leaves
 * nothing behind, and an app that cannot be saved for offline use says so. The quota is shrunk with
 * CDP Storage.overrideQuotaForOrigin on a fresh origin, before its first visit (see PLATFORM.md).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { addFile, addFileAndWait, documentItem, openReady } from './support/app';
import { settledUsage } from './support/stored';

const APP_ORIGIN = `http://127.0.0.1:${process.env.HEARTH_APP_PORT ?? 4173}`;
const MB = 1024 * 1024;

/** Text that does not compress much (random words), `count` words long, the same for a seed. */
function randomWords(count: number, seed: number): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = '';
    for (let j = 3 + (next() % 7); j > 0; j--) word += String.fromCharCode(97 + (next() % 26));
    words.push(i % 12 === 11 ? `${word}.\n` : word);
  }
  return words.join(' ');
}

async function overrideQuota(context: BrowserContext, page: Page, quotaSize?: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: APP_ORIGIN, ...(quotaSize !== undefined ? { quotaSize } : {}) });
}


/** What IndexedDB and OPFS hold for documents: record counts and the names of the stored originals. */
function stored(page: Page): Promise<{ documents: number; chunks: number; queue: number; originals: string[] }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hearth');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [documents, chunks, queue] = [await count('documents'), await count('chunks'), await count('queue')];
    db.close();
    const originals: string[] = [];
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('originals', { create: true });
    for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) originals.push(name);
    return { documents, chunks, queue, originals };
  });
}

test.describe('a document that does not fit', () => {
  // Without the service worker's copy of the app (46 MB, filling in the background) what a visit
  // stores is the same every time, so the room left for documents is known.
  test.use({ serviceWorkers: 'block' });
  // Once in a full CI run (2026-12-02, 1 of 141 tests) the whole file was stored although the quota
  // was set: not reproduced in 5 runs since, cause not found (the page's estimate reports the default
  // quota even when the override holds, so it cannot tell). One more try, reported as flaky if used.
  test.describe.configure({ retries: 1 });

  test('fails with STORAGE_FULL, leaves nothing behind, and a smaller one still fits', async ({ page, context, browser }) => {
    test.setTimeout(150_000);
    // How much a visit stores, measured on another fresh origin, so this one's quota is set before its first visit.
    const probe = await browser.newContext({ serviceWorkers: 'block' });
    const probePage = await probe.newPage();
    await openReady(probePage);
    const baseline = await settledUsage(probePage);
    await probe.close();

    await overrideQuota(context, page, baseline + MB);
    try {
      await openReady(page);
      // ~330 KB of text: its original fits in the room left, its passages, terms and vectors do not.
      await addFile(page, 'large.txt', randomWords(45_000, 7));
      const notice = page.locator('[data-notice-code="STORAGE_FULL"]');
      await expect(notice).toContainText('large.txt', { timeout: 60_000 });
      await expect(notice).toContainText('The browser has no room left for Hearth. Delete documents or models, then try again.');
      await expect(page.locator('li.document')).toHaveCount(0);
      await expect.poll(() => stored(page)).toEqual({ documents: 0, chunks: 0, queue: 0, originals: [] });

      await addFileAndWait(page, 'bees.md', BEEKEEPING);
      await expect(page.locator('li.document')).toHaveCount(1);
      const after = await stored(page);
      expect(after).toMatchObject({ documents: 1, queue: 0 });
      expect(after.chunks).toBeGreaterThan(0);
      expect(after.originals).toHaveLength(1);
      await expect(documentItem(page, 'large.txt')).toHaveCount(0);
    } finally {
      await overrideQuota(context, page);
    }
  });
});

test('an app that cannot save itself for offline use says so, and what to do', async ({ page, context }) => {
  await overrideQuota(context, page, 4 * MB);
  // What the service worker itself says on its channel (src/lib/pwa/install-outcome.ts).
  await page.addInitScript(() => {
    const said: unknown[] = [];
    (window as unknown as { swSaid: unknown[] }).swSaid = said;
    new BroadcastChannel('hearth-sw').onmessage = (event) => said.push(event.data);
  });
  try {
    await page.goto('/');
    const notice = page.locator('[data-code="OFFLINE_CACHE_FULL"]');
    await expect(notice).toContainText('Hearth could not save itself for offline use (not enough space).', { timeout: 60_000 });
    await expect(notice).toContainText('reload Hearth while online');
    await expect(notice).toHaveAttribute('role', 'alert');
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.active))).toBe(false);
    // The worker told why, rather than the page guessing.
    expect(await page.evaluate(() => (window as unknown as { swSaid: unknown[] }).swSaid)).toEqual([{ type: 'install-failed', reason: 'space' }]);

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await overrideQuota(context, page);
  }
});

test('an app that saved itself for offline use shows no such notice', async ({ page }) => {
  await openReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.locator('[data-code^="OFFLINE_CACHE"]')).toHaveCount(0);
});
