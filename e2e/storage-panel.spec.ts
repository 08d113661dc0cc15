import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { addFileAndWait, ask, documentItem, lastAnswer, openReady } from './support/app';

function openStorage(page: Page): Promise<Locator> {
  return page
    .getByRole('button', { name: 'Storage', exact: true })
    .click()
    .then(() => page.getByRole('dialog', { name: 'Storage on this device' }));
}

const APP_ORIGIN = `http://127.0.0.1:${process.env.HEARTH_APP_PORT ?? 4173}`;

/** Shrink (or, without a size, restore) the origin's quota; it takes effect before the origin's first visit (PLATFORM.md). */
async function overrideQuota(context: BrowserContext, page: Page, quotaSize?: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: APP_ORIGIN, ...(quotaSize !== undefined ? { quotaSize } : {}) });
}

const part = (dialog: Locator, category: string) => dialog.locator(`li[data-category="${category}"]`);
const bytesOf = async (dialog: Locator, category: string) => Number(await part(dialog, category).getByTestId('storage-size').getAttribute('data-bytes'));

test('the Storage panel says what each part takes, and clears one part at a time after asking', async ({ page }) => {
  test.setTimeout(180_000); // two cores shared by several runs: the model's download and first words take a while
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await ask(page, 'When do beekeepers harvest honey?');
  // Once the model (downloaded by now) writes, stop it: the stopped answer is saved as a conversation.
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /streaming|done/, { timeout: 120_000 });
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  if (await stop.isVisible()) await stop.click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /done|stopped/);
  await expect(page.locator('li.chat-item')).toHaveCount(1);

  const opener = page.getByRole('button', { name: 'Storage', exact: true });
  const dialog = await openStorage(page);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  // The browser's figures: used, the quota (about 10 GB here) and what is free.
  await expect(dialog.getByTestId('storage-total')).toContainText(/Hearth uses .+ of the \d+(\.\d)? GB this browser lets it have: .+ free\./);
  await expect(part(dialog, 'documents')).toContainText('1 document:');
  await expect(part(dialog, 'conversations')).toContainText('1 saved conversation.');
  await expect(part(dialog, 'models')).toContainText('Stories 260K (test)');
  for (const category of ['models', 'documents', 'conversations']) expect(await bytesOf(dialog, category), category).toBeGreaterThan(0);
  // The model file alone is ~1.1 MB; a short document with its passages is a few KB.
  expect(await bytesOf(dialog, 'models')).toBeGreaterThan(1_000_000);
  await expect(dialog.getByTestId('storage-persistence')).toHaveAttribute('data-persistence', /kept|may-clear/);

  // Cancel in a confirm step deletes nothing.
  await dialog.getByRole('button', { name: 'Delete all conversations' }).click();
  const confirm = dialog.getByRole('group', { name: 'Delete all conversations' });
  await expect(confirm).toContainText('Delete 1 conversation? This cannot be undone.');
  await expect(confirm.getByRole('button', { name: 'Yes, delete' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Measure again' }).click();
  await expect(dialog.getByRole('button', { name: 'Measure again' })).toBeEnabled();
  expect(await bytesOf(dialog, 'conversations')).toBeGreaterThan(0);
  await expect(page.locator('li.chat-item')).toHaveCount(1);

  // Conversations: gone, 0 shown, the document stays.
  await dialog.getByRole('button', { name: 'Delete all conversations' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(part(dialog, 'conversations').getByTestId('storage-size')).toHaveAttribute('data-bytes', '0');
  await expect(part(dialog, 'conversations').getByTestId('storage-size')).toHaveText('0 B');
  await expect(part(dialog, 'conversations')).toContainText('0 saved conversations.');
  await expect(page.locator('li.chat-item')).toHaveCount(0);
  expect(await bytesOf(dialog, 'documents')).toBeGreaterThan(0);
  await expect(documentItem(page, 'bees.md')).toHaveCount(1);

  // Documents: the library is empty.
  await dialog.getByRole('button', { name: 'Delete all documents' }).click();
  await expect(dialog.getByRole('group', { name: 'Delete all documents' })).toContainText('Delete 1 document, with its original file and its passages?');
  await dialog.getByRole('group', { name: 'Delete all documents' }).getByRole('button', { name: 'Yes, delete' }).click();
  await expect(part(dialog, 'documents').getByTestId('storage-size')).toHaveAttribute('data-bytes', '0');
  await expect(documentItem(page, 'bees.md')).toHaveCount(0);
  expect(await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const originals = await root.getDirectoryHandle('originals').catch(() => null);
    let files = 0;
    if (originals) for await (const _ of (originals as unknown as { keys(): AsyncIterable<string> }).keys()) files++;
    return files;
  }), 'no original file is left').toBe(0);

  // Models: the model is no longer downloaded.
  await dialog.getByRole('button', { name: 'Delete all models' }).click();
  const models = dialog.getByRole('group', { name: 'Delete all models' });
  await expect(models).toContainText('Delete the files of these models: Stories 260K (test)?');
  await models.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(part(dialog, 'models').getByTestId('storage-size')).toHaveAttribute('data-bytes', '0');
  await expect(part(dialog, 'models')).toContainText('No answer model is downloaded.');
  await expect(dialog.getByRole('button', { name: 'Delete all models' })).toBeDisabled();

  // Escape closes the panel and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  await page.getByRole('button', { name: 'Models' }).click();
  const stories = page.getByRole('dialog', { name: 'Models' }).locator('li.model-row[data-model-id="stories260K"]');
  await expect(stories).toHaveAttribute('data-state', 'none');
  await expect(stories).toContainText('Not downloaded');
});

test('removing the offline copy unregisters the service worker and deletes its cache, and says what that means', async ({ page }) => {
  await openReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const dialog = await openStorage(page);
  // The precache fills while the worker installs: measure until it is there.
  await expect
    .poll(async () => {
      await dialog.getByRole('button', { name: 'Measure again' }).click();
      await expect(dialog.getByRole('button', { name: 'Measure again' })).toBeEnabled();
      return bytesOf(dialog, 'app');
    }, { timeout: 30_000 })
    .toBeGreaterThan(1_000_000);

  await dialog.getByRole('button', { name: 'Remove offline copy' }).click();
  const confirm = dialog.getByRole('group', { name: 'Remove offline copy' });
  await expect(confirm).toContainText('will not open without a connection');
  await expect(confirm).toContainText('Your documents, conversations and models stay.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 'cancel kept the service worker').toBe(1);

  await dialog.getByRole('button', { name: 'Remove offline copy' }).click();
  await confirm.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(part(dialog, 'app').getByTestId('storage-size')).toHaveAttribute('data-bytes', '0');
  await expect(part(dialog, 'app')).toContainText('The offline copy was removed.');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  expect(await page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('workbox-precache')))).toEqual([]);
  // The open page keeps working.
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeEnabled();
});

test('when Hearth could not save itself for offline use, the panel says so plainly', async ({ page, context }) => {
  await overrideQuota(context, page, 4 * 1024 * 1024);
  try {
    await page.goto('/');
    await expect(page.locator('.offline-cache-notice [data-code="OFFLINE_CACHE_FULL"]')).toBeVisible({ timeout: 60_000 });
    const dialog = await openStorage(page);
    const warning = dialog.locator('[data-code="OFFLINE_CACHE_FULL"]');
    await expect(warning).toHaveAttribute('role', 'alert');
    await expect(warning).toContainText('Hearth is not saved for offline use.');
    await expect(warning).toContainText('Free some space');
    // The other parts are still shown beside the warning (Chromium's estimate() does not report a quota set through DevTools).
    await expect(dialog.getByTestId('storage-total')).toContainText('Hearth uses');
    await expect(part(dialog, 'documents')).toContainText('0 documents');
    // A click on the backdrop closes the panel; one inside it does not.
    await dialog.getByRole('heading', { name: 'Storage on this device' }).click();
    await expect(dialog).toBeVisible();
    await page.mouse.click(4, 4);
    await expect(dialog).toHaveCount(0);
  } finally {
    await overrideQuota(context, page);
  }
});
