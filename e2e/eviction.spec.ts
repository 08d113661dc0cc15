/**
 * When the browser clears Hearth's storage (a best-effort origin evicted under storage pressure),
 * Hearth notices at start and says what is gone; and it asks the browser to keep the storage when
 * the person first stores something, and shows whether it will.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BEEKEEPING, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, expectLibraryReady, openReady, waitForAnswerDone } from './support/app';

const APP_ORIGIN = `http://127.0.0.1:${process.env.HEARTH_APP_PORT ?? 4173}`;
/** What Chromium's quota manager deletes when it evicts an origin (localStorage is not among them). */
const EVICTED = 'indexeddb,file_systems,cache_storage,service_workers';

function marker(page: Page): Promise<unknown> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('hearth.libraryMarker') ?? 'null') as unknown);
}

function lossNotice(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'Your library on this device is gone' });
}

function storageStatus(page: Page) {
  return page.getByRole('region', { name: 'Storage on this device' });
}

/** Grant durable storage to the app in this test's own browser context (Playwright's grantPermissions has no such permission). */
async function grantDurableStorage(context: BrowserContext, page: Page): Promise<void> {
  const { targetInfo } = await (await context.newCDPSession(page)).send('Target.getTargetInfo');
  const browser = context.browser();
  if (!browser) throw new Error('no browser behind this context');
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.grantPermissions', { origin: APP_ORIGIN, permissions: ['durableStorage'], browserContextId: targetInfo.browserContextId });
}

test('a library the browser cleared is named at start, and Dismiss forgets it for good', async ({ page, context }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  // A quick answer (quoted sentences, no model) is saved as a conversation like any other, and fast.
  await page.getByLabel('Question', { exact: true }).fill('How many eggs does the queen bee lay?');
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await waitForAnswerDone(page);
  await expect(page.locator('li.chat-item')).toHaveCount(1);
  await expect.poll(() => marker(page)).toMatchObject({ documents: 1, conversations: 1 });
  expect(JSON.stringify(await marker(page))).not.toContain('bees');
  await expect(lossNotice(page)).toHaveCount(0);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: APP_ORIGIN, storageTypes: EVICTED });
  await page.reload();

  const notice = lossNotice(page);
  await expect(notice).toContainText('Hearth had 1 document and 1 conversation here');
  await expect(notice).toContainText('cleared Hearth’s storage to free up space');
  await expect(notice).toContainText('not marked to be kept');
  await expect(notice.getByRole('button', { name: 'Restore from a backup…' })).toBeVisible();
  await expectLibraryReady(page);
  await expect(page.locator('li.document')).toHaveCount(0);

  // Still there after another reload (the stores now hold nothing, and the loss is remembered).
  await page.reload();
  await expect(lossNotice(page)).toContainText('1 document and 1 conversation');

  await lossNotice(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(lossNotice(page)).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('hearth.storageLoss'))).toBeNull();
  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('li.chat-item, li.document')).toHaveCount(0);
  await expect(lossNotice(page)).toHaveCount(0);
});

test('an empty first visit is not a loss', async ({ page }) => {
  await openReady(page);
  await page.reload();
  await expectLibraryReady(page);
  await expect(lossNotice(page)).toHaveCount(0);
  await expect(storageStatus(page)).toContainText(/Hearth uses [\d.]+ (B|KB|MB|GB) of the [\d.]+ (MB|GB|TB) this browser lets it have/);
});

test('with durable storage granted, the library reads "kept" and offers nothing to press', async ({ page, context }) => {
  await grantDurableStorage(context, page);
  await openReady(page);
  const status = storageStatus(page);
  await expect(status).toContainText('Kept on this device until you delete it.');
  await expect(status.getByRole('button', { name: 'Keep my data' })).toHaveCount(0);

  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await expect.poll(() => marker(page)).toMatchObject({ documents: 1, persisted: true });
  await page.reload();
  await expect(storageStatus(page)).toContainText('Kept on this device until you delete it.');
});

test('without it, the browser is asked when the first document is stored (not on load), the library says it may clear, and what helps', async ({ page }) => {
  // Count the app's calls to persist(), to see when it asks.
  await page.addInitScript(() => {
    const persist = navigator.storage.persist.bind(navigator.storage);
    localStorage.setItem('test.persistCalls', '0');
    navigator.storage.persist = () => {
      localStorage.setItem('test.persistCalls', String(Number(localStorage.getItem('test.persistCalls')) + 1));
      return persist();
    };
  });
  const persistCalls = () => page.evaluate(() => Number(localStorage.getItem('test.persistCalls')));
  await openReady(page);
  const status = storageStatus(page);
  await expect(status).toContainText('Your browser may clear this if the device runs low on space.');
  const keep = status.getByRole('button', { name: 'Keep my data' });
  await expect(keep).toBeVisible();
  await expect(status.getByRole('status')).toHaveCount(0);
  expect(await persistCalls()).toBe(0);

  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await expect(status.getByRole('status')).toContainText('Installing Hearth as an app');
  expect(await persistCalls()).toBe(1);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await expect.poll(() => marker(page)).toMatchObject({ documents: 2, persisted: false });
  expect(await persistCalls()).toBe(1);

  await keep.click();
  await expect.poll(persistCalls).toBe(2);
  await expect(status).toContainText('Your browser may clear this if the device runs low on space.');
  await expect(status.getByRole('status')).toContainText('Installing Hearth as an app');
  await expect(keep).toBeEnabled();
});

test('after the browser cleared the library, a backup restored from the notice brings it back and the notice goes', async ({ page, context }, testInfo) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await page.getByLabel('Question', { exact: true }).fill('How many eggs does the queen bee lay?');
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await waitForAnswerDone(page);
  await page.locator('details.backup summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up everything' }).click()]);
  const backup = testInfo.outputPath('backup.hearth');
  await download.saveAs(backup);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: APP_ORIGIN, storageTypes: EVICTED });
  await page.reload();
  await expect(lossNotice(page)).toContainText('1 document and 1 conversation');
  await expectLibraryReady(page);
  await lossNotice(page).getByTestId('restore-input').setInputFiles(backup);

  await expect(lossNotice(page)).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('li.document', { hasText: 'bees.md' })).toBeVisible();
  await expect(page.locator('li.chat-item')).toHaveCount(1);
  await page.reload();
  await expectLibraryReady(page);
  await expect(lossNotice(page)).toHaveCount(0);
  await expect(page.locator('li.document', { hasText: 'bees.md' })).toBeVisible();
});
