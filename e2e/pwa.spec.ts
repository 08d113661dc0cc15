/**
 * The installed app's features, driven in the built app: the manifest's shortcuts, share target, file
 * handlers, maskable icon and screenshots; a shortcut's action; a share going through the service
 * worker into the library; files handed over by the launch queue; the offline indicator; and the
 * update prompt, which waits for an answer being written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BEEKEEPING, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, documentItem, expectLibraryReady, lastAnswer, MIRROR, openReady } from './support/app';

interface ManifestImage {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
  form_factor?: string;
}
interface Manifest {
  icons: ManifestImage[];
  screenshots: ManifestImage[];
  categories: string[];
  shortcuts: { name: string; url: string }[];
  share_target: { action: string; method: string; enctype: string; params: { title: string; text: string; url: string; files: { name: string; accept: string[] }[] } };
  file_handlers: { action: string; accept: Record<string, string[]> }[];
}

const manifest = JSON.parse(readFileSync(new URL('../public/manifest.webmanifest', import.meta.url), 'utf8')) as Manifest;
const SW_FILE = new URL('../dist/sw.js', import.meta.url);
const FORMATS = ['.pdf', '.docx', '.md', '.txt', '.html'];

/** The page is controlled by Hearth's service worker. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** Width and height of an image the app serves, decoded by the browser. */
function imageSize(page: Page, src: string): Promise<string> {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    if (!response.ok) return `HTTP ${response.status}`;
    const bitmap = await createImageBitmap(await response.blob());
    return `${bitmap.width}x${bitmap.height}`;
  }, src);
}

test('the manifest offers shortcuts, a share target, file handlers, a maskable icon and screenshots, and its files exist', async ({ page }) => {
  await page.goto('/');
  const served = (await (await page.request.get('/manifest.webmanifest')).json()) as Manifest;
  expect(served).toEqual(manifest);
  expect(manifest.categories).toContain('productivity');
  expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
    ['New chat', '/?action=new-chat'],
    ['Add documents', '/?action=add-documents'],
  ]);
  expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST', enctype: 'multipart/form-data', params: { title: 'title', text: 'text', url: 'url' } });
  expect(manifest.share_target.params.files[0]?.name).toBe('files');
  expect(manifest.share_target.params.files[0]?.accept).toEqual(expect.arrayContaining(FORMATS));
  expect(Object.values(manifest.file_handlers[0]?.accept ?? {}).flat()).toEqual(expect.arrayContaining(FORMATS));
  expect(manifest.screenshots.map((s) => [s.form_factor, s.sizes])).toEqual([
    ['narrow', '360x800'],
    ['wide', '1440x900'],
  ]);
  for (const image of [...manifest.icons.filter((i) => i.type === 'image/png'), ...manifest.screenshots]) {
    expect(await imageSize(page, image.src), image.src).toBe(image.sizes);
  }

  // Maskable: opaque everywhere, artwork only inside the central circle of 80% (the safe zone).
  const maskable = manifest.icons.filter((i) => i.purpose === 'maskable');
  expect(maskable.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
  for (const icon of maskable) {
    const check = await page.evaluate(async (url) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data, width } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const background = [data[0], data[1], data[2]];
      let transparent = 0;
      let artOutside = 0;
      let artInside = 0;
      for (let i = 0; i < data.length; i += 4) {
        const x = (i / 4) % width;
        const y = Math.floor(i / 4 / width);
        if (data[i + 3]! < 255) transparent++;
        const art = [0, 1, 2].some((c) => Math.abs(data[i + c]! - background[c]!) > 8);
        const inside = Math.hypot(x + 0.5 - width / 2, y + 0.5 - width / 2) <= 0.4 * width;
        if (art && inside) artInside++;
        if (art && !inside) artOutside++;
      }
      return { transparent, artOutside, artInside: artInside / (width * width) };
    }, icon.src);
    expect(check.transparent, icon.src).toBe(0);
    expect(check.artOutside, icon.src).toBe(0);
    expect(check.artInside, icon.src).toBeGreaterThan(0.1);
  }
});

test('the "New chat" shortcut opens an empty conversation; without it the last one comes back', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await page.getByLabel('Question', { exact: true }).fill('What are shield volcanoes built from?');
  await page.getByRole('button', { name: 'Quick answer' }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');

  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('article.message')).toHaveCount(2);

  await page.goto('/?action=new-chat');
  await expectLibraryReady(page);
  await expect(page.locator('article.message')).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/u);
  // The earlier conversation is kept in the list.
  await expect(page.getByText('What are shield volcanoes built from?').first()).toBeVisible();
});

test('the "Add documents" shortcut says how to add files and puts the focus on the button', async ({ page }) => {
  await openReady(page);
  await page.goto('/?action=add-documents');
  await expectLibraryReady(page);
  await expect(page.getByRole('status').filter({ hasText: 'Choose the files to add' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeFocused();
});

test('a share from another app goes through the service worker: the file and the text become documents', async ({ page }) => {
  await openReady(page);
  await controlled(page);
  // What the system's share sheet sends: a multipart POST to the manifest's share_target action.
  await page.evaluate(
    ({ volcanoes }) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = '/share-target';
      form.enctype = 'multipart/form-data';
      const fields = { title: 'Bee notes', text: 'A queen bee lays up to two thousand eggs a day in spring.', url: 'https://example.org/bees' };
      for (const [name, value] of Object.entries(fields)) form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
      const input = Object.assign(document.createElement('input'), { type: 'file', name: 'files' });
      const files = new DataTransfer();
      files.items.add(new File([volcanoes], 'shared-volcanoes.txt', { type: 'text/plain' }));
      input.files = files.files;
      form.append(input);
      document.body.append(form);
      form.submit();
    },
    { volcanoes: VOLCANOES },
  );
  await expect(documentItem(page, 'shared-volcanoes.txt')).toBeVisible({ timeout: 60_000 });
  await expect(documentItem(page, 'Bee notes.md')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('launch-note').filter({ hasText: '“shared-volcanoes.txt”, shared with Hearth, is being added to your library.' })).toBeVisible();
  await expect(page.getByTestId('launch-note').filter({ hasText: 'The shared text is being added to your library as the document “Bee notes.md”.' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/u);

  // The shared text is searchable, as its own document.
  await page.getByLabel('Question', { exact: true }).fill('How many eggs does a queen lay?');
  await page.getByRole('button', { name: 'Quick answer' }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('Bee notes.md');
  // Kept once: nothing is left in the inbox.
  expect(await page.evaluate(async () => (await (await caches.open('hearth-shared')).keys()).length)).toBe(0);
});

/**
 * The launch queue delivers files only to an installed app opened from the system (a file's "Open
 * with"), which headless Chromium cannot do. `window.launchQueue` exists here: the test keeps the
 * consumer the app sets on it and hands it what a launch carries, real file handles (here from the
 * origin's private file system), as the browser would.
 */
test('files opened with Hearth from the system are added to the library', async ({ page }) => {
  await page.addInitScript(() => {
    const queue = (window as unknown as { launchQueue?: { setConsumer(c: unknown): void } }).launchQueue;
    if (!queue) return;
    const set = queue.setConsumer.bind(queue);
    queue.setConsumer = (consumer: unknown) => {
      (window as unknown as { launchConsumer: unknown }).launchConsumer = consumer;
      set(consumer);
    };
  });
  await openReady(page);
  expect(await page.evaluate(() => 'launchQueue' in window)).toBe(true);
  await page.evaluate(async (text) => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('launch-test', { create: true });
    const handle = await folder.getFileHandle('bees.md', { create: true });
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
    (window as unknown as { launchConsumer: (p: { files: FileSystemHandle[] }) => void }).launchConsumer({ files: [handle] });
  }, BEEKEEPING);
  await expect(documentItem(page, 'bees.md')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('launch-note').filter({ hasText: '“bees.md”, opened with Hearth, is being added to your library.' })).toBeVisible();
});

test('the offline indicator shows when the connection goes, in plain words', async ({ page, context }) => {
  await openReady(page);
  await controlled(page);
  await expect(page.getByTestId('offline-indicator')).toHaveCount(0);
  // An ordinary (incognito) context gets no install offer from the browser: no Install button.
  await expect(page.getByRole('button', { name: 'Install' })).toHaveCount(0);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-indicator')).toHaveText('Offline — everything on this device still works.');
  await page.reload();
  await expect(page.getByTestId('offline-indicator')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('offline-indicator')).toHaveCount(0);
});

test('a new version is offered, and waits for the answer being written before it takes over', async ({ page, context }) => {
  test.setTimeout(150_000);
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await controlled(page);

  // The answer's model download is held, so the answer stays "being written" as long as the test wants.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(`${MIRROR}/**/*.gguf`, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('Question', { exact: true }).fill('What are shield volcanoes built from?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /retrieving|loading/u);

  // A new build, as the browser's update check finds it: the served service worker changed (one digit
  // of a version marker, same length, as the preview server knows the file's size). Routes do not see
  // a service worker's own script, so the built file itself is changed, and put back afterwards.
  const built = readFileSync(SW_FILE, 'utf8');
  const next = built.replace(/(workbox:core:[\d.]*)(\d)/u, (_, head: string, digit: string) => `${head}${(Number(digit) + 1) % 10}`);
  expect(next).not.toBe(built);
  writeFileSync(SW_FILE, next);
  try {
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
  } finally {
    writeFileSync(SW_FILE, built);
  }
  const prompt = page.getByTestId('update-prompt');
  await expect(prompt).toContainText('A new version of Hearth is ready.', { timeout: 60_000 });
  await prompt.getByRole('button', { name: 'Update' }).click();
  await expect(prompt).toContainText('Hearth will update as soon as the answer being written is finished.');
  await expect(prompt).toHaveAttribute('data-stage', 'after-job');
  // Still the same page, the answer still being written.
  await page.waitForTimeout(1500);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /retrieving|loading|streaming/u);

  release();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'streaming', { timeout: 60_000 });
  await page.waitForTimeout(1500);
  await expect(prompt).toHaveAttribute('data-stage', 'after-job');
  // (trimmed: the block being written ends in a line break that the finished answer does not have there)
  const written = ((await lastAnswer(page).locator('.answer').textContent()) ?? '').trim();
  expect(written.length).toBeGreaterThan(0);

  // The answer ends (stopped here, as a long one would finish): then the new version takes over.
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await reloaded;
  await expectLibraryReady(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  // Nothing lost: the conversation comes back with the answer as far as it was written.
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'stopped');
  // (polled: the answer shows as plain text until its Markdown renderer has loaded after the reload)
  await expect.poll(async () => (await lastAnswer(page).locator('.answer').textContent())?.trim().startsWith(written.slice(0, 20))).toBe(true);
});
