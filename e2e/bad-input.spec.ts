import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { addFile, addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, MIRROR, openReady, useCatalog, waitForAnswerDone } from './support/app';

test('an empty file, a binary file named .txt and a 50 MB file are refused with a clear message; stored documents stay', async ({ page }, testInfo) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);

  await addFile(page, 'empty.txt', '');
  await expect(page.locator('[data-code="EMPTY_FILE"]')).toContainText('The file is empty');

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  await addFile(page, 'photo.txt', png);
  await expect(page.locator('[data-code="BINARY_FILE"]')).toContainText('does not look like text');

  const huge = testInfo.outputPath('huge.txt');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 'a'));
  await page.getByTestId('file-input').setInputFiles(huge);
  await expect(page.locator('[data-code="FILE_TOO_LARGE"]')).toContainText('Split it into smaller files');

  for (const name of ['empty.txt', 'photo.txt', 'huge.txt']) await expect(documentItem(page, name)).toHaveCount(0);
  await page.reload();
  await expectLibraryReady(page);
  await expect(documentItem(page, 'bees.md')).toBeVisible();
  await expect(page.locator('li.document')).toHaveCount(1);
});

test('a question with no documents says to add one first', async ({ page }) => {
  await openReady(page);
  await ask(page, 'What is in my documents?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('[data-code="NO_DOCUMENTS"]')).toContainText('Add a document first');
});

test('a broken catalog shows a clear error and a way back', async ({ page }) => {
  await useCatalog(page, `${MIRROR}/catalogs/broken.json`);
  const error = page.locator('[data-code="CATALOG_INVALID"]');
  await expect(error).toContainText('The model catalog is broken');
  await expect(page.locator('.startup-error .detail')).toContainText('downloadSizeMB');
  await page.getByRole('button', { name: 'Use the built-in catalog' }).click();
  await expect(page.getByRole('heading', { name: 'Ask about your documents' })).toBeVisible();
});

test('a missing model file shows a clear error when the model loads', async ({ page }) => {
  await openReady(page, `${MIRROR}/catalogs/missing-model.json`);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await ask(page, 'How many eggs does the queen lay?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('[data-code="MODEL_FILE_NOT_FOUND"]')).toContainText('could not be found');
  await expect(documentItem(page, 'bees.md')).toBeVisible();
});
