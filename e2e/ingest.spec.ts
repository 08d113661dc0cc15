/** Adding the documents people have: several formats at once, progress, cancel, reload, duplicates, scans, deletion. */
import { expect, test, type Page } from '@playwright/test';
import { makeDocx } from '../workers/parsers/fixtures/make-docx';
import { BEEKEEPING, VOLCANOES } from './fixtures/documents';
import { longProse, pdfWithPages, windows1252 } from './fixtures/files';
import { addFile, addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady, waitForAnswerDone } from './support/app';

const queueItem = (page: Page, name: string) => page.locator('li.queue-item', { hasText: name });

/** What the library holds for a document, read from IndexedDB and OPFS the way the worker stores it. */
async function stored(page: Page, docId: string): Promise<{ chunks: number; original: boolean; queue: number }> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('hearth');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const count = (store: string, index?: string, key?: string) =>
      new Promise<number>((resolve, reject) => {
        const s = db.transaction(store).objectStore(store);
        const r = index ? s.index(index).count(key) : s.count();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const chunks = await count('chunks', 'byDoc', id);
    const queue = await count('queue');
    db.close();
    let original = false;
    try {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('originals');
      await dir.getFileHandle(id);
      original = true;
    } catch {
      original = false;
    }
    return { chunks, original, queue };
  }, docId);
}

test('several files of different types at once: progress per file and overall, then each is listed', async ({ page }) => {
  await openReady(page);
  const pdf = await pdfWithPages(['Harbour safety\nShips must report to the harbour master before entering the port.', 'Tides\nThe spring tide rises four metres above the low water mark.']);
  const docx = makeDocx();
  const html = '<html><head><title>Orchard notes</title><script>document.title = "hacked"</script></head><body><nav>Home · About</nav><main><h1>Orchard notes</h1><p>Apple trees are pruned in late winter while they are dormant.</p></main><footer>© Orchard club</footer></body></html>';
  await page.getByTestId('file-input').setInputFiles([
    { name: 'long-logbook.txt', mimeType: 'text/plain', buffer: Buffer.from(longProse(120_000)) },
    { name: 'harbour.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'report.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx) },
    { name: 'orchard.html', mimeType: 'text/html', buffer: Buffer.from(html) },
    { name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from('item,price\napples,3\npears,4\n') },
    { name: 'recette.txt', mimeType: 'text/plain', buffer: windows1252('La crème brûlée coûte 5 € au café.') },
  ]);
  await expect(page.getByRole('progressbar', { name: /Adding 6 files/ })).toBeVisible();
  await expect(queueItem(page, 'long-logbook.txt').getByRole('progressbar')).toBeVisible();
  for (const name of ['long-logbook.txt', 'harbour.pdf', 'report.docx', 'orchard.html', 'prices.csv', 'recette.txt']) {
    await expect(documentItem(page, name)).toBeVisible({ timeout: 90_000 });
  }
  await expect(page.locator('section[aria-label="Files being added"]')).toHaveCount(0);
  await expect(documentItem(page, 'harbour.pdf')).toContainText('2 pages');
  await expect(documentItem(page, 'harbour.pdf').locator('.doc-storage')).toContainText('on this device');

  // The Windows-1252 file was read with its accents, and the PDF's passages carry their page.
  await ask(page, 'How much does the crème brûlée cost?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('recette.txt');
  await ask(page, 'How high does the spring tide rise?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('harbour.pdf');
});

test('cancelling one file stops only that file, and leaves nothing of it behind', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'big-logbook.txt', mimeType: 'text/plain', buffer: Buffer.from(longProse(3_000_000)) },
    { name: 'bees.md', mimeType: 'text/markdown', buffer: Buffer.from(BEEKEEPING) },
  ]);
  await expect(queueItem(page, 'big-logbook.txt')).toHaveAttribute('data-stage', 'embedding', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel big-logbook.txt' }).click();
  await expect(queueItem(page, 'big-logbook.txt')).toHaveCount(0);
  await expect(documentItem(page, 'bees.md')).toBeVisible({ timeout: 60_000 });
  await expect(documentItem(page, 'big-logbook.txt')).toHaveCount(0);
  await expect(page.locator('[data-notice-code]')).toHaveCount(0);
  const originals = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('originals', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  });
  const beesId = await documentItem(page, 'bees.md').getAttribute('data-doc-id');
  expect(originals).toEqual([beesId]);
});

test('a reload in the middle of adding a file picks it up again, and it is stored once', async ({ page }) => {
  await openReady(page);
  await addFile(page, 'logbook.txt', longProse(1_500_000));
  await expect(queueItem(page, 'logbook.txt')).toHaveAttribute('data-stage', 'embedding', { timeout: 60_000 });
  await page.reload();
  await expectLibraryReady(page);
  await expect(queueItem(page, 'logbook.txt')).toContainText('Picked up again');
  await expect(documentItem(page, 'logbook.txt')).toBeVisible({ timeout: 90_000 });
  await page.reload();
  await expectLibraryReady(page);
  await expect(documentItem(page, 'logbook.txt')).toHaveCount(1);
  const id = (await documentItem(page, 'logbook.txt').getAttribute('data-doc-id')) as string;
  expect(await stored(page, id)).toMatchObject({ original: true, queue: 0 });
});

test('the same content twice is refused; a new version of a file name can replace the old one', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFile(page, 'bees.md', BEEKEEPING);
  await expect(page.locator('[data-code="DUPLICATE_DOCUMENT"]')).toContainText('already in your library');
  await addFile(page, 'bees copy.md', BEEKEEPING);
  await expect(page.locator('[data-code="DUPLICATE_DOCUMENT"]').last()).toContainText('already in your library as “bees.md”');

  const oldId = await documentItem(page, 'bees.md').getAttribute('data-doc-id');
  await addFile(page, 'bees.md', `${BEEKEEPING}\n## Swarming\n\nA swarm leaves the hive with the old queen in late spring.\n`);
  const notice = page.locator('[data-notice-code="NAME_TAKEN"]');
  await expect(notice).toContainText('A different version of “bees.md”');
  await notice.getByRole('button', { name: 'Replace it' }).click();
  await expect(documentItem(page, 'bees.md')).not.toHaveAttribute('data-doc-id', oldId as string, { timeout: 60_000 });
  await expect(documentItem(page, 'bees.md')).toHaveCount(1);
  expect(await stored(page, oldId as string)).toMatchObject({ chunks: 0, original: false });
  await ask(page, 'When does a swarm leave the hive?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('bees.md');
});

test('a scanned page is reported by page number, and the rest of the PDF is added', async ({ page }) => {
  await openReady(page);
  const pdf = await pdfWithPages(['Minutes\nThe council approved the new library opening hours.', null, 'Budget\nThe library budget grows by four percent next year.']);
  await page.getByTestId('file-input').setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.locator('[data-notice-code="PAGES_WITHOUT_TEXT"]')).toContainText('Page 2');
  await expect(documentItem(page, 'minutes.pdf')).toContainText('3 pages');
  await expect(documentItem(page, 'minutes.pdf').locator('[data-warning="PAGES_WITHOUT_TEXT"]')).toContainText('Page 2 looks like a scanned image');
});

test('deleting a document removes its passages, vectors, index terms and stored original', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  const pdf = await pdfWithPages(['Zeppelins\nThe Hindenburg zeppelin crossed the Atlantic in sixty hours.']);
  await page.getByTestId('file-input').setInputFiles({ name: 'airships.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(documentItem(page, 'airships.pdf')).toBeVisible({ timeout: 60_000 });
  const id = (await documentItem(page, 'airships.pdf').getAttribute('data-doc-id')) as string;
  expect(await stored(page, id)).toMatchObject({ chunks: 1, original: true });

  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'airships.pdf').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'airships.pdf')).toHaveCount(0);
  expect(await stored(page, id)).toMatchObject({ chunks: 0, original: false });
  // Neither its terms (BM25) nor its vector answer a question that only it could match.
  await ask(page, 'How long did the Hindenburg zeppelin take to cross the Atlantic?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).not.toContainText('airships.pdf');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
});

test('a library of a few thousand passages reopens from its stored index, without re-indexing', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'logbook-a.txt', mimeType: 'text/plain', buffer: Buffer.from(longProse(1_200_000, 'lighthouse')) },
    { name: 'logbook-b.txt', mimeType: 'text/plain', buffer: Buffer.from(longProse(1_200_000, 'harbour')) },
  ]);
  await expect(documentItem(page, 'logbook-b.txt')).toBeVisible({ timeout: 120_000 });
  await expect(documentItem(page, 'logbook-a.txt')).toBeVisible({ timeout: 120_000 });
  const library = page.locator('aside.library');
  await expect(library).toHaveAttribute('data-index-source', 'rebuilt'); // a new profile: no snapshot yet
  await page.waitForTimeout(2500); // the snapshot is written a moment after the last change
  await page.reload();
  await expectLibraryReady(page);
  await expect(library).toHaveAttribute('data-index-source', 'snapshot');
  const chunks = Number(await library.getAttribute('data-index-chunks'));
  expect(chunks).toBeGreaterThan(2000);
  await ask(page, 'What does the keeper do with the lamp oil?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('logbook-');

  // After a deletion the snapshot no longer matches the library until it is written again: either
  // way the index never holds the deleted document.
  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'logbook-a.txt').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'logbook-a.txt')).toHaveCount(0);
  await page.reload();
  await expectLibraryReady(page);
  expect(Number(await library.getAttribute('data-index-chunks'))).toBeLessThan(chunks);
});
