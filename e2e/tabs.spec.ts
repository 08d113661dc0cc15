/**
 * Several Hearth tabs open at once, as a person with an installed window and a browser tab has:
 * every change made in one is seen by the other within a moment (its list, its search and its
 * citations), writes never interleave, and nothing is lost, duplicated or left stale.
 */
import { expect, test, type Page } from '@playwright/test';
import { addFile, addFileAndWait, documentItem, expectLibraryReady, lastAnswer, openReady } from './support/app';
import { BEEKEEPING, SOURDOUGH, VOLCANOES } from './fixtures/documents';
import { expectWhole } from './support/stored';

test.describe.configure({ timeout: 180_000 });

/** Quick answers quote the passages retrieval found, without the language model: fast and exact. */
async function quickAnswer(page: Page, question: string): Promise<void> {
  const before = await page.locator('article.message.assistant').count();
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(page.locator('article.message.assistant')).toHaveCount(before + 1);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /done|error/, { timeout: 60_000 });
}

async function secondTab(first: Page): Promise<Page> {
  const page = await first.context().newPage();
  await page.goto('/');
  await expectLibraryReady(page);
  return page;
}

test('a document added in one tab is listed and searched in the other, and one deleted there is gone here', async ({ page }) => {
  await openReady(page);
  const other = await secondTab(page);

  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await expect(documentItem(other, 'volcanoes.txt')).toBeVisible({ timeout: 5_000 });
  await quickAnswer(other, 'What did the 1980 eruption of Mount St. Helens do?');
  await expect(lastAnswer(other).locator('.source-chips')).toContainText('volcanoes.txt');

  await addFileAndWait(other, 'bees.md', BEEKEEPING);
  await expect(documentItem(page, 'bees.md')).toBeVisible({ timeout: 5_000 });

  other.once('dialog', (dialog) => dialog.accept());
  await documentItem(other, 'volcanoes.txt').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(other, 'volcanoes.txt')).toHaveCount(0);
  await expect(documentItem(page, 'volcanoes.txt')).toHaveCount(0, { timeout: 5_000 });
  // The first tab's search no longer finds the deleted document's passages.
  await quickAnswer(page, 'What did the 1980 eruption of Mount St. Helens do?');
  await expect(lastAnswer(page).locator('.source-chips')).not.toContainText('volcanoes.txt');

  // The conversation list follows too: the other tab's chat appears here.
  await expect(page.getByRole('region', { name: 'Chats', exact: true }).locator('li.chat-item')).toHaveCount(2, { timeout: 5_000 });
});

test('two tabs adding files at once store each file once, and refuse the one both added', async ({ page }) => {
  await openReady(page);
  const other = await secondTab(page);

  // The same file dropped in both tabs at once, plus a different file in each.
  await Promise.all([
    addFile(page, 'volcanoes.txt', VOLCANOES),
    addFile(other, 'volcanoes.txt', VOLCANOES),
  ]);
  await Promise.all([addFile(page, 'bees.md', BEEKEEPING, 'text/markdown'), addFile(other, 'sourdough.txt', SOURDOUGH)]);

  for (const tab of [page, other]) {
    for (const name of ['volcanoes.txt', 'bees.md', 'sourdough.txt']) await expect(documentItem(tab, name)).toHaveCount(1, { timeout: 60_000 });
  }
  // Exactly one of the two tabs was told the file is already there (or being added).
  const refused = async () => (await page.locator('[data-notice-code="DUPLICATE_DOCUMENT"]').count()) + (await other.locator('[data-notice-code="DUPLICATE_DOCUMENT"]').count());
  await expect.poll(refused, { timeout: 10_000 }).toBe(1);

  await expect(page.locator('.ingest-queue li.queue-item')).toHaveCount(0, { timeout: 60_000 });
  await expect(other.locator('.ingest-queue li.queue-item')).toHaveCount(0, { timeout: 60_000 });
  await expectWhole(page, ['bees.md', 'sourdough.txt', 'volcanoes.txt']);

  // Both tabs search all three.
  for (const tab of [page, other]) {
    await quickAnswer(tab, 'How do I feed a sourdough starter?');
    await expect(lastAnswer(tab).locator('.source-chips')).toContainText('sourdough.txt');
  }
});
