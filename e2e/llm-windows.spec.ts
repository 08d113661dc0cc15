/**
 * Several Hearth windows at once: two tabs of one browser context share storage and Web Locks, as two
 * windows of an installed Hearth do. With the CPU engine (wllama, the real stories260K): a model asked
 * for in both at once is downloaded once; a download a closed window left half done is resumed, never
 * offered as ready; a model too big to open twice makes the second window ask, and "Move it here" moves
 * it. WebGPU models cannot run here (no real GPU), so the WebGPU rule is driven by another page holding
 * the "model open" lock a window with a WebGPU model would hold.
 */
import { readFileSync, statSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { memoryBudgetMB } from '../src/lib/device/recommend';
import { openLockName } from '../workers/engines/open-registry';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openSettings, saveSettings, TEST_CATALOG, waitForAnswerDone } from './support/app';
import { ThrottledMirror } from './support/throttled-mirror';

const QUESTION = 'What are shield volcanoes built from?';
const GGUF = 'ggml-org/models/resolve/main/tinyllamas/stories260K.gguf';
const GGUF_SIZE = statSync(`.models/mirror/${GGUF}`).size;
const ELSEWHERE = 'Downloading in another Hearth window';

const mirror = new ThrottledMirror();
test.beforeAll(() => mirror.start());
test.afterAll(() => mirror.stop());
test.beforeEach(() => {
  mirror.bytesPerSecond = Number.POSITIVE_INFINITY;
  mirror.ggufRanges = [];
});

/** Point Hearth at a catalog (and model source), in localStorage: every tab opened later uses it too. */
async function configure(page: Page, catalogUrl: string, modelSource: string, answerTokens?: number): Promise<void> {
  await page.goto('/');
  await openSettings(page, { advanced: true });
  await page.getByLabel('Catalog URL').fill(catalogUrl);
  await page.getByLabel('Model source').fill(modelSource);
  if (answerTokens) await page.getByLabel('Longest answer (tokens)').fill(String(answerTokens));
  await saveSettings(page);
  await expectLibraryReady(page);
}

async function openWindow(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/');
  await expectLibraryReady(page);
  return page;
}

const badge = (page: Page) => page.locator('.model-badge');
const choices = (page: Page) => page.getByRole('alert', { name: 'Model open in another window' });

async function expectAnswered(page: Page): Promise<void> {
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
}

/** Sizes of the files in Hearth's OPFS model folder. */
function opfsFiles(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('hearth-models').catch(() => null);
    const out: Record<string, number> = {};
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> } | null)?.entries() ?? []) {
      out[name] = (await handle.getFile()).size;
    }
    return out;
  });
}

test('two windows ask at once: the model is downloaded once, the second window says so, both answer', async ({ context }) => {
  test.setTimeout(120_000);
  const requests: string[] = [];
  context.on('request', (request) => void (request.url().startsWith(mirror.url) && requests.push(request.url().slice(mirror.url.length))));
  const a = await context.newPage();
  // Short answers: both windows answer now, one after the other (engines/cpu-turns.ts), on a shared machine.
  await configure(a, TEST_CATALOG, mirror.url, 16);
  await addFileAndWait(a, 'volcanoes.txt', VOLCANOES);
  const b = await openWindow(context);

  mirror.bytesPerSecond = 150 * 1024; // ~8 s for the model: long enough for both to want it meanwhile
  await Promise.all([ask(a, QUESTION), ask(b, QUESTION)]);
  // Whichever window came second waits for the other's download, showing what it can see of it.
  const seen: { waiting?: Page } = {};
  const findWaiting = async () => {
    for (const page of [a, b]) if ((await badge(page).innerText()).includes(ELSEWHERE)) seen.waiting = page;
    return seen.waiting !== undefined;
  };
  await expect.poll(findWaiting, { timeout: 20_000 }).toBe(true);
  const waiting = seen.waiting!;
  await expect.poll(async () => Number(await badge(waiting).getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);

  await expectAnswered(a);
  await expectAnswered(b);
  expect(mirror.ggufRanges, 'one request for the model file, from the start').toEqual(['']);
  expect(requests.filter((path) => path.endsWith('.gguf'))).toEqual([GGUF]);
  expect((await opfsFiles(b))['stories260K.gguf']).toBe(GGUF_SIZE);
});

test('a download left half done by a closed window is resumed by the other, and never offered as ready meanwhile', async ({ context }) => {
  test.setTimeout(120_000);
  const a = await context.newPage();
  await configure(a, TEST_CATALOG, mirror.url);
  await addFileAndWait(a, 'volcanoes.txt', VOLCANOES);
  const b = await openWindow(context);

  mirror.bytesPerSecond = 100 * 1024;
  await ask(a, QUESTION);
  await expect(badge(a).getByTestId('download-facts')).toHaveText(/\d+ KB of 1\.\d MB/, { timeout: 15_000 });

  // The other window's manager sees a download under way elsewhere: not ready, nothing to "Use".
  await b.getByRole('button', { name: 'Models' }).click();
  const row = b.getByRole('dialog', { name: 'Models' }).locator('li.model-row', { hasText: 'Stories 260K' });
  await expect(row.getByTestId('downloading-elsewhere')).toBeVisible();
  await expect(row).not.toHaveAttribute('data-state', 'complete');
  await expect(row.getByRole('button', { name: 'Use' })).toHaveCount(0);
  await b.getByRole('button', { name: 'Close' }).click();

  await ask(b, QUESTION);
  await expect(badge(b)).toContainText(ELSEWHERE);
  await expect.poll(async () => Number(await badge(b).getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(10);
  await a.close(); // the first window goes away halfway: its lock and its file handle with it

  await expectAnswered(b);
  expect(mirror.ggufRanges).toHaveLength(2);
  expect(mirror.ggufRanges[0]).toBe('');
  const resumedFrom = Number(/^bytes=(\d+)-$/.exec(mirror.ggufRanges[1]!)?.[1] ?? 0);
  expect(resumedFrom, 'the second window resumed where the first stopped').toBeGreaterThan(0);
  const files = await opfsFiles(b);
  expect(files['stories260K.gguf']).toBe(GGUF_SIZE);
  expect(files['stories260K.gguf.partial']).toBeUndefined();
});

test('a CPU model too big to open twice: the second window is told so, and "Move it here" moves it', async ({ context }) => {
  test.setTimeout(120_000);
  const a = await context.newPage();
  await a.goto('/');
  const deviceMemoryGB = await a.evaluate(() => (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? null);
  // One copy fits this device's budget, two do not.
  const memoryMB = Math.ceil(memoryBudgetMB({ deviceMemoryGB }) * 0.7);
  const catalog = JSON.parse(readFileSync('e2e/fixtures/catalogs/test.json', 'utf8')) as { modelBaseUrl: string; models: { id: string; memoryMB: number }[] };
  catalog.modelBaseUrl = mirror.url;
  for (const m of catalog.models) if (m.id === 'stories260K') m.memoryMB = memoryMB;
  mirror.extra.set('/catalogs/windows.json', JSON.stringify(catalog));
  await configure(a, `${mirror.url}catalogs/windows.json`, '');
  await addFileAndWait(a, 'volcanoes.txt', VOLCANOES);
  await ask(a, QUESTION);
  await expectAnswered(a);

  const b = await openWindow(context);
  await ask(b, QUESTION);
  await waitForAnswerDone(b);
  await expect(lastAnswer(b)).toHaveAttribute('data-status', 'error');
  await expect(lastAnswer(b).locator('[data-code="MODEL_OPEN_ELSEWHERE"]')).toContainText('The language model is open in another Hearth window');
  await expect(lastAnswer(b), 'the quoted sentences still answer').toHaveAttribute('data-kind', 'extracts');
  await expect(choices(b)).toContainText('Stories 260K (test)');
  await expect(choices(b).getByRole('button', { name: 'Load here too' }), 'two copies do not fit').toHaveCount(0);

  await choices(b).getByRole('button', { name: 'Move it here' }).click();
  await expect(badge(a)).toContainText('was moved to another Hearth window');
  await expect(badge(b).locator('.pill')).toHaveText('ready', { timeout: 30_000 });
  await ask(b, QUESTION);
  await expectAnswered(b);

  // Now the first window is the second one.
  await ask(a, QUESTION);
  await waitForAnswerDone(a);
  await expect(lastAnswer(a).locator('[data-code="MODEL_OPEN_ELSEWHERE"]')).toBeVisible();
  expect(mirror.ggufRanges, 'both windows load the one stored file').toEqual(['']);
});

test('a WebGPU model open in another window: asked about before any download, "load here too" where memory allows', async ({ context }) => {
  const requests: string[] = [];
  context.on('request', (request) => void requests.push(request.url()));
  const a = await context.newPage();
  await configure(a, TEST_CATALOG, '');
  await addFileAndWait(a, 'volcanoes.txt', VOLCANOES);
  await a.getByRole('button', { name: 'Settings' }).click();
  const select = a.getByLabel('Language model');
  await select.selectOption((await select.locator('option', { hasText: 'WebGPU test model (q4f32)' }).getAttribute('value')) ?? '');
  await saveSettings(a);
  await expectLibraryReady(a);

  // The other window: what a window with this WebGPU model loaded holds (web-llm cannot run here).
  const other = await context.newPage();
  await other.goto('/');
  const name = openLockName({ engine: 'webllm', memoryMB: 300, modelId: 'webllm-test-q4f32' });
  await other.evaluate((lock) => void navigator.locks.request(lock, { mode: 'shared' }, () => new Promise(() => {})), name);

  await ask(a, QUESTION);
  await waitForAnswerDone(a);
  await expect(lastAnswer(a).locator('[data-code="MODEL_OPEN_ELSEWHERE"]')).toBeVisible();
  await expect(choices(a)).toContainText('WebGPU test model (q4f32)');
  expect(requests.filter((url) => url.includes('webllm-q4f32-MLC')), 'nothing downloaded before the user chose').toEqual([]);

  // "Use it there" puts the choices away; the next question asks again.
  await choices(a).getByRole('button', { name: 'Use it there' }).click();
  await expect(choices(a)).toHaveCount(0);
  await ask(a, QUESTION);
  await expect(choices(a)).toBeVisible();

  // 300 MB twice fits this device: "load here too" goes on to load (and meets the missing model library).
  await choices(a).getByRole('button', { name: 'Load here too' }).click();
  await expect(badge(a).locator('[data-code="MODEL_FILE_NOT_FOUND"]')).toBeVisible({ timeout: 30_000 });
  expect(requests.some((url) => url.endsWith('webllm-q4f32-MLC/resolve/main/mlc-chat-config.json'))).toBe(true);
});
