import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, MIRROR, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

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
const MODELS = [
  { name: 'Tiny decoder', repo: 'hearth-test/tiny-decoder', files: ['onnx/model_q4.onnx'], followUpKeeps: true },
  // LFM2's layout (short-convolution caches) with its weights in onnx/model_q4.onnx_data, as the LFM2-700M export ships them.
  // Its convolution caches cannot be cut back to a common start, and this random model's answer does not
  // come back as the same tokens when the follow-up's prompt is tokenized, so its follow-up may read afresh.
  { name: 'Tiny LFM2', repo: 'hearth-test/tiny-lfm2', files: ['onnx/model_q4.onnx', 'onnx/model_q4.onnx_data'], followUpKeeps: false },
];

async function chooseOnnxModel(page: Page, name: string): Promise<void> {
  await openSettings(page, { advanced: true });
  const select = page.getByLabel('Language model');
  await select.selectOption((await select.locator('option', { hasText: name }).getAttribute('value')) ?? '');
  // Short answers leave the 2,048-token window room to continue the first prompt (as in follow-up-reuse.spec.ts).
  await page.getByLabel('Longest answer').fill('32');
  await saveSettings(page);
  await expectLibraryReady(page);
}

for (const model of MODELS) test(`an ONNX model (${model.name}) runs on transformers.js in the LLM worker: the answer streams, and the model loads from Cache Storage after a reload`, async ({ page, context }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(`${request.method()} ${request.url()}`));
  await serveCatalog(context);
  await openReady(page, CATALOG);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await chooseOnnxModel(page, model.name);
  await expect(page.locator('.model-name')).toContainText(model.name);

  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page)).toHaveAttribute('data-kind', 'answer');
  expect((await lastAnswer(page).innerText()).trim().length).toBeGreaterThan(20);
  // (A worker's fetch shows up twice: once from the worker, once from the service worker that passes it on.)
  for (const file of model.files) expect(requested).toContain(`GET ${MIRROR}/${model.repo}/resolve/main/${file}`);
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  expect(isolated, 'WASM threads need a cross-origin isolated page').toBe(true);

  // A follow-up continues the prompt: the engine keeps what it read (past the query rewrite the
  // model writes in between) and reads only the new part.
  const firstPrompt = Number(await lastAnswer(page).locator('.stats').getAttribute('data-prompt-tokens'));
  await ask(page, 'And how tall is Mauna Loa?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  const stats = lastAnswer(page).locator('.stats');
  if (model.followUpKeeps) {
    expect(Number(await stats.getAttribute('data-reused'))).toBeGreaterThanOrEqual(firstPrompt);
    await expect(stats).toContainText('kept from before');
  }

  // After a reload the worker is new: transformers.js finds every file in Cache Storage.
  requested.length = 0;
  await page.reload();
  await expectLibraryReady(page);
  await ask(page, 'Which volcano erupted in 1980?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  expect(requested.filter((url) => url.includes(`${model.repo}/`))).toEqual([]);
});
