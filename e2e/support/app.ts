/** What every end-to-end test does the way a user would: open Hearth, point it at the test mirror, add files, ask. */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const MIRROR = 'http://127.0.0.1:4180';
export const TEST_CATALOG = `${MIRROR}/catalogs/test.json`;

/**
 * Serve the test catalog as this checkout has it. The mirror on port 4180 is shared by every checkout
 * on the machine and serves the catalog of the one that started it, which may not list a model this
 * checkout added; the model files themselves still come from the mirror. For every page of the
 * context. Routes do not see requests a service worker handles, so a spec using this blocks service
 * workers (`test.use({ serviceWorkers: 'block' })`).
 */
export async function serveOwnTestCatalog(page: Page): Promise<void> {
  const catalog = readFileSync(new URL('../fixtures/catalogs/test.json', import.meta.url), 'utf8');
  await page.context().route(TEST_CATALOG, (route) => route.fulfill({ body: catalog, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' } }));
}

/**
 * Open Settings, and with `advanced` also its folded "Advanced" part (passages, reranking, how
 * answers are written, catalog and model source). By test id, so it works in every interface language.
 */
export async function openSettings(page: Page, { advanced = false } = {}): Promise<void> {
  await page.getByTestId('open-settings').click();
  if (!advanced) return;
  const folded = page.getByTestId('advanced-settings');
  if (!(await folded.evaluate((details) => (details as HTMLDetailsElement).open))) await folded.locator('summary').click();
}

/** Open Settings and switch to a catalog served by the mirror (how an organization self-hosts models). */
export async function useCatalog(page: Page, catalogUrl: string = TEST_CATALOG): Promise<void> {
  await page.goto('/');
  await openSettings(page, { advanced: true });
  await page.getByTestId('catalog-url').fill(catalogUrl);
  await saveSettings(page);
}

/** Press "Save and restart" in the open Settings dialog and wait for the restarted page. */
export async function saveSettings(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByTestId('save-settings').click()]);
}

/** Open the app with the test catalog and wait until documents can be added. */
export async function openReady(page: Page, catalogUrl: string = TEST_CATALOG): Promise<void> {
  await useCatalog(page, catalogUrl);
  await expectLibraryReady(page);
}

export async function expectLibraryReady(page: Page): Promise<void> {
  await expect(page.getByTestId('add-documents')).toBeEnabled({ timeout: 60_000 });
}

export async function addFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/plain'): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content) : content });
}

export async function addFileAndWait(page: Page, name: string, content: string): Promise<void> {
  await addFile(page, name, content);
  await expect(documentItem(page, name)).toBeVisible({ timeout: 60_000 });
}

export function documentItem(page: Page, name: string) {
  return page.locator('li.document', { hasText: name });
}

export async function ask(page: Page, question: string): Promise<void> {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
}

/** The newest assistant message. */
export function lastAnswer(page: Page) {
  return page.locator('article.message.assistant').last();
}

export async function waitForAnswerDone(page: Page): Promise<void> {
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /done|stopped|error/, { timeout: 90_000 });
}
