/**
 * The first visit: a screen in the conversation area that says what Hearth does and that nothing
 * leaves the device, shows the device check's recommendation with its download size, lets the person
 * start (documents can be added and searched while the language model downloads) and asks the browser
 * to keep the library. When the embedding model cannot be downloaded, the failure names it, says why
 * (the source did not answer, or the device is offline) and Retry loads it in place, without a reload.
 * Model files come from a mirror started here that can be taken down (an unreachable host).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { ask, addFileAndWait, documentItem, expectLibraryReady, lastAnswer, saveSettings, TEST_CATALOG, openSettings } from './support/app';
import { ThrottledMirror } from './support/throttled-mirror';

const APP_ORIGIN = `http://127.0.0.1:${process.env.HEARTH_APP_PORT ?? 4173}`;
const EMBEDDER = 'Tiny BERT embedder (test)';
const mirror = new ThrottledMirror();
test.beforeAll(() => mirror.start());
test.afterAll(() => mirror.stop());
test.beforeEach(() => {
  mirror.bytesPerSecond = Number.POSITIVE_INFINITY;
  mirror.down = false;
});

/** Open Hearth with the test catalog and this spec's mirror as the model source (the library may fail to start). */
async function openWithMirror(page: Page): Promise<void> {
  await page.goto('/');
  await openSettings(page, { advanced: true });
  await page.getByLabel('Catalog URL').fill(TEST_CATALOG);
  await page.getByLabel('Model source').fill(mirror.url);
  await saveSettings(page);
}

const firstRun = (page: Page) => page.getByTestId('first-run');
const libraryFailure = (page: Page) => page.locator('.library .failure-note[data-part="embedder"]');
const addDocuments = (page: Page) => page.getByRole('button', { name: 'Add documents' });

/** Marks the page, so a test can tell that it was not reloaded since. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

async function grantDurableStorage(context: BrowserContext, page: Page): Promise<void> {
  const { targetInfo } = await (await context.newCDPSession(page)).send('Target.getTargetInfo');
  const cdp = await context.browser()!.newBrowserCDPSession();
  await cdp.send('Browser.grantPermissions', { origin: APP_ORIGIN, permissions: ['durableStorage'], browserContextId: targetInfo.browserContextId });
}

test('a fresh profile sees what Hearth does, that nothing leaves the device, and the recommended model with its size', async ({ page }) => {
  await page.goto('/');
  const screen = firstRun(page);
  await expect(screen.getByRole('heading', { name: 'Welcome to Hearth' })).toBeVisible();
  await expect(screen.getByTestId('privacy-promise')).toContainText('never leave this device');
  await expect(screen.getByTestId('device-facts')).toContainText(/graphics chip/);
  // The built-in catalog's pick for this device, with its download size and the reason.
  await expect(screen.getByTestId('recommended-model')).toHaveText(/^.+, a \d+(\.\d)? (MB|GB) download\.$/);
  await expect(screen.getByTestId('recommended-embedder')).toContainText('all-MiniLM-L6-v2');
  await expect(screen.getByText(/Hearth runs .+ on the CPU|Hearth picked .+ for this GPU/)).toBeVisible();
  // Not a dialog: the header's Settings still opens.
  await openSettings(page, { advanced: true });
  await expect(page.getByLabel('Catalog URL')).toBeVisible();
});

test('an embedder that cannot be downloaded is named with why, and Retry makes Add documents work without a reload', async ({ page }) => {
  mirror.down = true;
  await openWithMirror(page);
  const failure = libraryFailure(page);
  await expect(failure).toContainText(`The embedding model “${EMBEDDER}” could not be loaded`, { timeout: 60_000 });
  await expect(failure).toHaveAttribute('data-reason', 'unreachable');
  await expect(failure).toContainText(`${new URL(mirror.url).host} did not answer`);
  await expect(page.getByTestId('embedder-missing')).toContainText('documents cannot be added or searched');
  await expect(addDocuments(page)).toBeDisabled();
  // The first-run screen says the same, with its own Retry.
  await expect(firstRun(page).locator('.failure-note')).toContainText(EMBEDDER);

  // A question says what is missing, not "add a document first".
  await ask(page, 'How many eggs does the queen lay?');
  await expect(lastAnswer(page).locator('[data-code="EMBEDDER_UNAVAILABLE"]')).toContainText(`The embedding model “${EMBEDDER}” is not loaded`);

  await markPage(page);
  mirror.down = false;
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expectLibraryReady(page);
  await expect(failure).toHaveCount(0);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  expect(await stillSamePage(page)).toBe(true);
});

test('offline, the failure says the device is offline, and Retry once back online loads the embedder', async ({ page, context }) => {
  mirror.down = true;
  await openWithMirror(page);
  const failure = libraryFailure(page);
  await expect(failure).toBeVisible({ timeout: 60_000 });
  await context.setOffline(true);
  await expect(failure).toHaveAttribute('data-reason', 'offline');
  await expect(failure).toContainText('This device is offline.');
  await expect(failure).toContainText('Connect to the internet, then press Retry');
  // Retry while still offline fails again, and says so again.
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeEnabled();
  await expect(failure).toHaveAttribute('data-reason', 'offline');
  await expect(addDocuments(page)).toBeDisabled();

  await markPage(page);
  await context.setOffline(false);
  mirror.down = false;
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expectLibraryReady(page);
  expect(await stillSamePage(page)).toBe(true);
});

test('while the language model downloads, a document can be added and searched: the answer quotes its passages', async ({ page }) => {
  mirror.bytesPerSecond = 8 * 1024; // the 1.2 MB model takes minutes to arrive
  await openWithMirror(page);
  await expectLibraryReady(page);
  const screen = firstRun(page);
  await expect(screen.getByTestId('recommended-model')).toHaveText('Stories 260K (test), a 1.2 MB download.');
  await screen.getByRole('button', { name: 'Download Stories 260K (test) (1.2 MB)' }).click();
  await expect(screen.getByRole('progressbar', { name: 'Downloading Stories 260K (test)' })).toBeVisible();

  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await expect(screen).toHaveCount(0); // the person has started
  await ask(page, 'How many eggs does the queen lay?');
  const answer = lastAnswer(page);
  await expect(answer).toHaveAttribute('data-status', 'loading');
  await expect(answer).toHaveAttribute('data-kind', 'extracts');
  await expect(answer.locator('.extracts blockquote').first()).toContainText(/eggs/i);
  await expect(documentItem(page, 'bees.md')).toBeVisible();
});

test('"Keep my library on this device" asks the browser and says what it answered; "Hide this" puts the screen away for good', async ({ page, context }) => {
  await openWithMirror(page);
  const keep = firstRun(page).getByRole('button', { name: 'Keep my library on this device' });
  await expect(firstRun(page)).toContainText('The browser may clear your library');
  await keep.click();
  await expect(firstRun(page)).toContainText('The browser did not agree to keep it.');

  await grantDurableStorage(context, page);
  await keep.click();
  await expect(firstRun(page)).toContainText('The browser will keep your library until you delete it.');
  await expect(keep).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Storage on this device' })).toHaveAttribute('data-persistence', 'kept');

  // Hidden by the person: the empty conversation shows instead, also after a reload.
  await firstRun(page).getByRole('button', { name: 'Hide this' }).click();
  await expect(firstRun(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Ask about your documents' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ask about your documents' })).toBeVisible();
  await expect(firstRun(page)).toHaveCount(0);
});

test('a catalog that cannot be loaded is named with why, and Retry starts Hearth without a reload', async ({ page }) => {
  mirror.extra.set('/catalog.json', readFileSync('e2e/fixtures/catalogs/test.json', 'utf8'));
  mirror.down = true;
  await page.goto('/');
  await openSettings(page, { advanced: true });
  await page.getByLabel('Catalog URL').fill(`${mirror.url}catalog.json`);
  await saveSettings(page);
  const failure = page.locator('.startup-error .failure-note[data-part="catalog"]');
  await expect(failure).toContainText('The model catalog could not be loaded');
  await expect(failure).toContainText(`${new URL(mirror.url).host} did not answer`);

  await markPage(page);
  mirror.down = false;
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(firstRun(page).getByTestId('recommended-model')).toHaveText('Stories 260K (test), a 1.2 MB download.');
  expect(await stillSamePage(page)).toBe(true);
});
