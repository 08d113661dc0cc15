import { expect, test } from '@playwright/test';
import { japanesePdf } from '../workers/parsers/fixtures/raw-pdf';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, waitForAnswerDone } from './support/app';

test('after one visit the app reloads and answers with the network off', async ({ page, context }) => {
  // Three answers, a reload and a PDF: more than the default 90 s on a slow 2-core machine (a CI run
  // timed out while the third answer streamed).
  test.setTimeout(180_000);
  await openReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');

  await context.setOffline(true);
  await page.reload();
  await expectLibraryReady(page);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await ask(page, 'Which volcano erupted in 1980?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.answer')).not.toBeEmpty();
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');

  // A Japanese PDF needs pdf.js's CMaps to be read: they come from the app's own cache, offline.
  const pdf = Buffer.from(japanesePdf(['東京の天気は晴れです。', '富士山は日本で一番高い山です。']));
  await page.getByTestId('file-input').setInputFiles({ name: 'tenki.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.locator('li.document', { hasText: 'tenki.pdf' })).toBeVisible({ timeout: 60_000 });
  await ask(page, '富士山');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('tenki.pdf');
});
