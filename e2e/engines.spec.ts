import { expect, test, type Page } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, waitForAnswerDone, saveSettings } from './support/app';

async function chooseModel(page: Page, label: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const select = page.getByLabel('Language model');
  const value = await select.locator('option', { hasText: label }).getAttribute('value');
  await select.selectOption(value ?? '');
  await saveSettings(page);
  await expectLibraryReady(page);
}

test('on a software WebGPU without shader-f16 Hearth runs the CPU engine and says why', async ({ page }) => {
  await openReady(page);
  expect(await page.evaluate(async () => Boolean(await navigator.gpu?.requestAdapter())), 'this browser exposes a WebGPU adapter').toBe(true);
  await expect(page.locator('.model-name')).toContainText('WASM');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toContainText('software renderer');
});

test('the WebGPU engine refuses an f16 model before any download and names a missing model file', async ({ page, context }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);

  await chooseModel(page, /q4f16/);
  await expect(page.locator('.model-name')).toContainText('WebGPU');
  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('[data-code="SHADER_F16_UNSUPPORTED"]')).toContainText('q4f32');
  expect(requested.filter((url) => url.includes('webllm-q4f16-MLC'))).toEqual([]);

  await chooseModel(page, /q4f32/);
  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  // The config was fetched from the mirror; the compiled model library is not there.
  expect(requested.some((url) => url.endsWith('webllm-q4f32-MLC/resolve/main/mlc-chat-config.json'))).toBe(true);
  await expect(lastAnswer(page).locator('[data-code="MODEL_FILE_NOT_FOUND"]')).toBeVisible();
});

test('a crashed LLM worker is restarted, the model reloads and the conversation is kept', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');

  const llmWorker = page.workers().find((w) => w.url().includes('llm.worker'));
  expect(llmWorker, 'the LLM runs in its own worker').toBeTruthy();
  await llmWorker?.evaluate(() => {
    setTimeout(() => {
      throw new Error('engine crashed');
    });
  });
  await expect(page.locator('.model-badge [data-code="WORKER_CRASHED"]')).toBeVisible();

  await ask(page, 'Which volcano erupted in 1980?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(page.locator('article.message.user')).toHaveCount(2);
  await expect(page.locator('.model-badge')).toContainText('ready');
});

test.describe('in a German-language browser', () => {
  test.use({ locale: 'de-DE' });

  test('the recommendation says that no model that fits supports German', async ({ page }) => {
    await openReady(page);
    expect(await page.evaluate(() => navigator.language)).toBe('de-DE');
    // A German browser gets Hearth in German.
    await page.getByRole('button', { name: 'Einstellungen' }).click();
    // The test catalog's only language model (stories260K) lists no languages: English only.
    await expect(page.getByRole('dialog', { name: 'Einstellungen' })).toContainText('keines, das hier passt, spricht Deutsch, daher kommen Antworten vielleicht auf Englisch');
  });
});
