/**
 * Whatever stops in the middle of adding a file (the tab closed, the worker building it killed),
 * the stored library stays whole: never a document without all its passages, never one listed
 * twice, and the file is finished by the next start or said to be not added.
 */
import { expect, test } from '@playwright/test';
import { addFile, addFileAndWait, documentItem, expectLibraryReady, openReady } from './support/app';
import { expectWhole, largeText } from './support/stored';
import { BEEKEEPING } from './fixtures/documents';

test.describe.configure({ timeout: 240_000 });

test('a tab closed while it adds a file: the next tab finishes the file, and the library is whole', async ({ page, context }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFile(page, 'field-log.txt', largeText(2));
  await expect(page.locator('.ingest-queue li.queue-item[data-stage="embedding"]')).toHaveCount(1, { timeout: 60_000 });
  await page.close();

  const next = await context.newPage();
  await next.goto('/');
  await expectLibraryReady(next);
  await expect(next.locator('.ingest-queue li.queue-item', { hasText: 'field-log.txt' })).toContainText('Picked up again', { timeout: 20_000 });
  await expect(documentItem(next, 'field-log.txt')).toBeVisible({ timeout: 200_000 });
  await expect(documentItem(next, 'field-log.txt')).toHaveCount(1);
  await expectWhole(next, ['bees.md', 'field-log.txt']);
});
