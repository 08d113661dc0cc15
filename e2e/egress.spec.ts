/**
 * Zero egress: after the first set-up, through a whole session (adding documents, asking, opening a citation, a
 * reload offline and one online) every request of the page, of its workers (nested ones too: the
 * llama.cpp worker inside the LLM worker) and of the service worker goes to the app's own origin or
 * to the configured model host (here the test mirror), and nowhere else. Playwright reports all of
 * them as the context's requests, blocked ones included, so an attempt counts even if the policy
 * stopped it.
 */
import { expect, test, type Request } from '@playwright/test';
import { pdfWithPages } from './fixtures/files';
import { VOLCANOES } from './fixtures/documents';
import { addFile, addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, MIRROR, openReady } from './support/app';
import { useShortAnswers, waitForSlowAnswer } from './support/short-answers';

const APP = `http://127.0.0.1:${process.env.HEARTH_APP_PORT ?? 4173}`;
const ALLOWED = new Set([APP, MIRROR]);

interface Seen {
  url: string;
  by: 'service worker' | 'page or worker';
}

/** Local URLs that never touch the network. */
function isLocal(url: string): boolean {
  return /^(data|blob|about|chrome-error):/u.test(url);
}

test('a whole session sends nothing beyond the app and its model host', async ({ page, context }) => {
  test.setTimeout(600_000);
  // First set-up: the first visit runs on the shipped catalog (whose host is Hugging Face) until
  // Settings points Hearth at the mirror. From then on everything is recorded; the service worker's
  // requests (it fetches what it keeps for offline use once, when it installs) from the start.
  const seen: Seen[] = [];
  let recording = false;
  context.on('request', (request: Request) => {
    const by = request.serviceWorker() ? 'service worker' : 'page or worker';
    if (recording || by === 'service worker') seen.push({ url: request.url(), by });
  });
  await openReady(page);
  await useShortAnswers(page);
  await expectLibraryReady(page);
  recording = true;

  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expectLibraryReady(page);
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await addFile(page, 'harbour.pdf', await pdfWithPages(['Tides\nThe spring tide rises four metres above the low water mark.', 'Storms\nThe storm signal is a red flag above the lighthouse.']), 'application/pdf');
  await expect(documentItem(page, 'harbour.pdf')).toContainText('2 pages', { timeout: 90_000 });
  await ask(page, 'How high does the spring tide rise?');
  await waitForSlowAnswer(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await lastAnswer(page).locator('.source-chips .chip', { hasText: 'harbour.pdf' }).first().click();
  await expect(page.getByRole('complementary', { name: 'Cited passage' }).locator('.page-frame canvas')).toBeVisible({ timeout: 30_000 });

  await context.setOffline(true);
  await page.reload();
  await expectLibraryReady(page);
  await ask(page, 'What are shield volcanoes built from?');
  await waitForSlowAnswer(page);
  await context.setOffline(false);
  await page.reload();
  await expectLibraryReady(page);

  // The recording saw the service worker's requests, the page's and the workers' (the runtimes).
  const urls = seen.map((s) => s.url);
  expect(seen.some((s) => s.by === 'service worker'), 'service worker requests were recorded').toBe(true);
  expect(urls.some((u) => u.startsWith(MIRROR)), 'the model host was asked (the catalog, on each load)').toBe(true);
  expect(urls.some((u) => /\/assets\/wllama-[\w-]+\.wasm$/u.test(u)), 'the llama.cpp worker fetched its runtime').toBe(true);
  expect(urls.some((u) => /\/assets\/ort-wasm[\w.-]+\.wasm$/u.test(u)), 'the embedder fetched its runtime').toBe(true);

  const elsewhere = seen.filter((s) => !isLocal(s.url) && !ALLOWED.has(new URL(s.url).origin));
  expect(elsewhere).toEqual([]);
});
