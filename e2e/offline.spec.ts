import { expect, test } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, waitForAnswerDone } from './support/app';

test('after one visit the app reloads and answers with the network off', async ({ page, context }) => {
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
});
