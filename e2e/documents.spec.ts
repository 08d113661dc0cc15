import { expect, test } from '@playwright/test';
import { BEEKEEPING, SOURDOUGH, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

test('added documents are listed, survive a reload and can be deleted', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await expect(documentItem(page, 'bees.md')).toContainText('1 passage');

  await page.reload();
  await expectLibraryReady(page);
  await expect(documentItem(page, 'bees.md')).toBeVisible();
  await expect(documentItem(page, 'volcanoes.txt')).toBeVisible();

  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'bees.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'bees.md')).toHaveCount(0);
  await page.reload();
  await expectLibraryReady(page);
  await expect(documentItem(page, 'volcanoes.txt')).toBeVisible();
  await expect(documentItem(page, 'bees.md')).toHaveCount(0);
});

test('a file dropped on the page is added', async ({ page }) => {
  await openReady(page);
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-sourdough.txt', { type: 'text/plain' }));
    return dt;
  }, SOURDOUGH);
  await page.getByRole('region', { name: 'Add documents' }).dispatchEvent('drop', { dataTransfer });
  await expect(documentItem(page, 'dropped-sourdough.txt')).toBeVisible({ timeout: 60_000 });
});

test('a deleted document no longer appears in retrieval', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);

  await ask(page, 'How many eggs does the queen bee lay?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('bees.md');

  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'bees.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'bees.md')).toHaveCount(0);

  await ask(page, 'How many eggs does the queen bee lay?');
  await waitForAnswerDone(page);
  const chips = lastAnswer(page).locator('.source-chips');
  await expect(chips).toContainText('sourdough.txt');
  await expect(chips).not.toContainText('bees.md');
});

test('documents switched off are left out of search, and reranking can be turned on', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);

  await page.getByRole('checkbox', { name: 'Search volcanoes.txt' }).uncheck();
  await ask(page, 'What did the 1980 eruption of Mount St. Helens do?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('bees.md');
  await expect(lastAnswer(page).locator('.source-chips')).not.toContainText('volcanoes.txt');
  await expect(lastAnswer(page).locator('.source-chips')).not.toContainText('reranked');

  await page.getByRole('checkbox', { name: 'Search volcanoes.txt' }).check();
  await openSettings(page, { advanced: true });
  await page.getByLabel('Rerank passages').selectOption('on');
  await saveSettings(page);
  await expectLibraryReady(page);
  await ask(page, 'What did the 1980 eruption of Mount St. Helens do?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('reranked');
});
