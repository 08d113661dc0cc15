/**
 * A large file being added never holds up the rest of the app: questions are answered from the
 * documents already stored, Stop stops, and a reload in the middle never loses a file silently.
 * (How long a question waits and how fast Stop acts are measured by `npm run bench -- --suite
 * contention`, not asserted here: these machines are too noisy for timed tests.)
 */
import { expect, test, type Page } from '@playwright/test';
import { addFile, addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady } from './support/app';
import { BEEKEEPING } from './fixtures/documents';
import { largeText } from './support/stored';

test.describe.configure({ timeout: 240_000 });

function queueItem(page: Page, name: string) {
  return page.locator('.ingest-queue li.queue-item', { hasText: name });
}

test('a question is answered, and Stop stops, while a large file is being added', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFile(page, 'survey.txt', largeText(3));
  await expect(queueItem(page, 'survey.txt')).toHaveAttribute('data-stage', /reading|chunking|embedding/, { timeout: 60_000 });

  await page.getByLabel('Question', { exact: true }).fill('When do beekeepers harvest honey?');
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('bees.md');
  // The large file was still being added all along.
  await expect(queueItem(page, 'survey.txt')).toHaveCount(1);

  await ask(page, 'How many eggs does the queen lay?');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'stopped', { timeout: 5_000 });
  await expect(queueItem(page, 'survey.txt')).toHaveCount(1);

  // And the large file still arrives, whole.
  await expect(documentItem(page, 'survey.txt')).toBeVisible({ timeout: 200_000 });
});

test('a reload while a file is being added either finishes it or says it was not added', async ({ page }) => {
  await openReady(page);
  await addFile(page, 'survey.txt', largeText(12));
  await page.reload();
  await expectLibraryReady(page);
  // Queued before the reload: picked up again and finished. Not yet queued: a notice names it.
  const resumed = documentItem(page, 'survey.txt').or(queueItem(page, 'survey.txt'));
  const notAdded = page.locator('[data-notice-code="INGEST_INTERRUPTED"]', { hasText: 'survey.txt' });
  await expect(resumed.or(notAdded)).toBeVisible({ timeout: 30_000 });
  if (await notAdded.count()) {
    await expect(notAdded).toContainText('Add it again');
  } else {
    await expect(documentItem(page, 'survey.txt')).toBeVisible({ timeout: 200_000 });
  }
});
