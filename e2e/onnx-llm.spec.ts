import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, MIRROR, openReady, saveSettings, waitForAnswerDone } from './support/app';

const CATALOG = `${MIRROR}/catalogs/onnx-test.json`;
const CATALOG_JSON = readFileSync(new URL('./fixtures/catalogs/onnx-test.json', import.meta.url), 'utf8');

/** The shared mirror may have been started from another checkout: answer for this spec's catalog here. */
async function serveCatalog(context: BrowserContext): Promise<void> {
  await context.route(CATALOG, (route) =>
    route.fulfill({
      body: CATALOG_JSON,
      headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
    }));
}
const MODEL_FILE = 'hearth-test/tiny-decoder/resolve/main/onnx/model_q4.onnx';

async function chooseOnnxModel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const select = page.getByLabel('Language model');
  await select.selectOption((await select.locator('option', { hasText: /ONNX/ }).getAttribute('value')) ?? '');
  await saveSettings(page);
  await expectLibraryReady(page);
}

test('an ONNX model runs on transformers.js in the LLM worker: the answer streams, and the model loads from Cache Storage after a reload', async ({ page, context }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(`${request.method()} ${request.url()}`));
  await serveCatalog(context);
  await openReady(page, CATALOG);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await chooseOnnxModel(page);
  await expect(page.locator('.model-name')).toContainText('Tiny decoder');

  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page)).toHaveAttribute('data-kind', 'answer');
  expect((await lastAnswer(page).innerText()).trim().length).toBeGreaterThan(20);
  // (A worker's fetch shows up twice: once from the worker, once from the service worker that passes it on.)
  expect(requested).toContain(`GET ${MIRROR}/${MODEL_FILE}`);
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  expect(isolated, 'WASM threads need a cross-origin isolated page').toBe(true);

  // After a reload the worker is new: transformers.js finds every file in Cache Storage.
  requested.length = 0;
  await page.reload();
  await expectLibraryReady(page);
  await ask(page, 'Which volcano erupted in 1980?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  expect(requested.filter((url) => url.includes('hearth-test/tiny-decoder/'))).toEqual([]);
});
