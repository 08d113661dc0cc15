/**
 * Documents embedded on the GPU (ONNX Runtime's WebGPU backend, in a worker of its own) while
 * questions stay on WASM. This machine's only WebGPU adapter is SwiftShader, a software one, so by
 * default the app keeps documents on WASM here; the GPU tests force the device
 * (localStorage 'hearth.embedDevice') to prove the path, the agreement of the vectors, and the
 * fall-back to WASM when the GPU fails to start or fails mid-way.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEVICE_AGREEMENT } from '../src/lib/device/embed-policy';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium';
import { longProse } from './fixtures/files';
import { addFile, documentItem, expectLibraryReady, lastAnswer, openReady, saveSettings, serveOwnTestCatalog } from './support/app';
import { findWorker } from './support/faults';
import { expectWhole } from './support/stored';
import { cosine, storedPassages } from './support/vectors';

test.describe.configure({ timeout: 240_000 });


const queueItem = (page: Page, name: string) => page.locator('.ingest-queue li.queue-item', { hasText: name });
const gpuWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('gpu-embed'));

async function forceDevice(page: Page, device: 'webgpu' | 'wasm'): Promise<void> {
  // An init script runs before the app on every load (the settings restart included).
  await page.addInitScript((d) => localStorage.setItem('hearth.embedDevice', d), device);
}

test('on a software adapter documents are embedded on the CPU by default, and no GPU worker starts', async ({ page }) => {
  await openReady(page);
  const adapter = await page.evaluate(async () => (await navigator.gpu?.requestAdapter())?.info.isFallbackAdapter ?? null);
  expect(adapter, 'this browser offers a WebGPU adapter, and it is a software one').toBe(true);

  await addFile(page, 'harbour.txt', longProse(120_000));
  const engine = queueItem(page, 'harbour.txt').locator('.engine');
  await expect(engine).toHaveAttribute('data-device', 'wasm', { timeout: 60_000 });
  await expect(engine).toContainText('Embedding on the CPU');
  await expect(documentItem(page, 'harbour.txt')).toBeVisible({ timeout: 120_000 });
  expect(gpuWorkers(page)).toHaveLength(0);
});

test('forced onto the GPU: passages are embedded on WebGPU with their speed shown, and agree with WASM', async ({ page }) => {
  const text = longProse(60_000, 'beacon');
  await forceDevice(page, 'webgpu');
  await openReady(page);
  await addFile(page, 'beacon.txt', text);
  const engine = queueItem(page, 'beacon.txt').locator('.engine');
  await expect(engine).toHaveAttribute('data-device', 'webgpu', { timeout: 60_000 });
  await expect(engine).toContainText(/^Embedding on the GPU · [\d.,]+ passages\/s$/, { timeout: 60_000 });
  await expect(documentItem(page, 'beacon.txt')).toBeVisible({ timeout: 180_000 });
  expect(gpuWorkers(page).length).toBeGreaterThan(0);
  const onGpu = await storedPassages(page, 'beacon.txt');
  // Questions are embedded on WASM in the retrieval worker, and find what the GPU embedded.
  await page.getByLabel('Question', { exact: true }).fill('When does the beacon signal the ship?');
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.extracts')).toContainText('beacon');

  // The same text (one byte more, so it is not refused as a duplicate), on WASM this time.
  await forceDevice(page, 'wasm');
  await page.reload();
  await expectLibraryReady(page);
  await addFile(page, 'beacon-again.txt', `${text}\n`);
  await expect(queueItem(page, 'beacon-again.txt').locator('.engine')).toHaveAttribute('data-device', 'wasm', { timeout: 60_000 });
  await expect(documentItem(page, 'beacon-again.txt')).toBeVisible({ timeout: 180_000 });
  const onWasm = await storedPassages(page, 'beacon-again.txt');

  expect(onGpu.length).toBeGreaterThan(20);
  expect(onWasm.map((p) => p.text)).toEqual(onGpu.map((p) => p.text));
  const same = onGpu.map((p, i) => cosine(p.vector, onWasm[i]!.vector));
  const neighbours = onGpu.slice(1).map((p, i) => cosine(p.vector, onGpu[i]!.vector));
  console.log(`GPU vs WASM, same passage: worst 1 − cos ${(1 - Math.min(...same)).toExponential(2)} over ${same.length} (float16 as stored); neighbouring passages: largest cos ${Math.max(...neighbours).toFixed(6)}`);
  expect(Math.min(...same)).toBeGreaterThanOrEqual(DEVICE_AGREEMENT);
  // The agreement is closer than any two different passages are to each other: the check can fail.
  expect(Math.max(...neighbours)).toBeLessThan(Math.min(...same));
});

test('the GPU lost mid-way: nothing half-stored, and the file is embedded again on the CPU', async ({ page }) => {
  await forceDevice(page, 'webgpu');
  await openReady(page);
  await addFile(page, 'storm-log.txt', longProse(400_000, 'storm'));
  const item = queueItem(page, 'storm-log.txt');
  await expect(item.locator('.engine')).toContainText('Embedding on the GPU', { timeout: 60_000 });

  // The next command the GPU worker records loses its device, as a driver reset would.
  const gpu = await findWorker(page, 'gpu-embed');
  await gpu.evaluate(() => {
    const create = GPUDevice.prototype.createCommandEncoder;
    GPUDevice.prototype.createCommandEncoder = function (this: GPUDevice, ...args: Parameters<typeof create>) {
      this.destroy();
      return create.apply(this, args);
    };
  });
  await expect(item.locator('.gpu-failed')).toBeVisible({ timeout: 60_000 });
  await expect(item.locator('.engine')).toHaveAttribute('data-device', 'wasm', { timeout: 60_000 });
  await expect(documentItem(page, 'storm-log.txt')).toBeVisible({ timeout: 180_000 });
  await expect(page.locator('[data-notice-code]')).toHaveCount(0);
  await expectWhole(page, ['storm-log.txt']);
});

test('forced onto the GPU, switching the embedding model embeds the library again there, and search answers', async ({ page }) => {
  await serveOwnTestCatalog(page);
  await forceDevice(page, 'webgpu');
  await openReady(page);
  await addFile(page, 'lamp.txt', longProse(40_000, 'lamp'));
  await expect(documentItem(page, 'lamp.txt')).toBeVisible({ timeout: 120_000 });
  expect(gpuWorkers(page)).toHaveLength(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: /^Embedding model/ }).selectOption('tiny-bert-48');
  await saveSettings(page);
  await expectLibraryReady(page);
  await expect(page.getByText('Search now uses Tiny BERT embedder, 48 dimensions (test).')).toBeVisible({ timeout: 120_000 });
  // The new model was loaded onto the GPU in a worker of its own (the first one's went with the reload).
  expect(gpuWorkers(page).length).toBeGreaterThan(0);
  const passages = await storedPassages(page, 'lamp.txt');
  expect(new Set(passages.map((p) => p.vector.length))).toEqual(new Set([48]));
  await page.getByLabel('Question', { exact: true }).fill('Where does the keeper carry the lamp oil?');
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('lamp.txt');
});

test('no WebGPU adapter, so the GPU session cannot be created: the file is embedded on the CPU instead', async ({ playwright, baseURL }) => {
  // Without this flag Chromium here gives no adapter at all, so ONNX Runtime's WebGPU backend cannot start.
  const executablePath = chromiumPath();
  const browser = await playwright.chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') });
  try {
    const page = await (await browser.newContext({ ...(baseURL ? { baseURL } : {}) })).newPage();
    await forceDevice(page, 'webgpu');
    await openReady(page);
    expect(await page.evaluate(async () => (await navigator.gpu?.requestAdapter()) ?? null)).toBeNull();
    await addFile(page, 'fog.txt', longProse(60_000, 'fog'));
    const item = queueItem(page, 'fog.txt');
    await expect(item.locator('.gpu-failed')).toBeVisible({ timeout: 60_000 });
    await expect(item.locator('.engine')).toHaveAttribute('data-device', 'wasm', { timeout: 60_000 });
    await expect(documentItem(page, 'fog.txt')).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('[data-notice-code]')).toHaveCount(0);
    await expectWhole(page, ['fog.txt']);
  } finally {
    await browser.close();
  }
});
