/**
 * Knowledge packs as a person uses them: export documents from one browser profile, import the
 * file into a fresh profile, ask the same question and get the same passages; a second import adds
 * nothing twice; a damaged pack is refused and changes nothing; a pack made with another embedding
 * model is embedded again on import.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { pdfWithPages } from './fixtures/files';
import { ask, documentItem, lastAnswer, openReady, waitForAnswerDone } from './support/app';

const PAGES = [
  'Lighthouse keeping\nThe keeper climbed the tower stairs every evening to light the lamp.\nThe lamp burned paraffin oil and was trimmed twice each night.',
  'Fog signals\nWhen fog rolled in from the sea the keeper started the fog horn.\nThe horn sounded two blasts every sixty seconds until the fog lifted.',
  'Automation\nBy 1998 the last keepers had left and the lights were automated.\nEngineers visit the tower twice a year to service the equipment.',
];
const NOTES = '# Tomatoes\n\nTomatoes need six hours of sun a day.\n\n## Watering\n\nWater the plants deeply twice a week.\n';
const QUESTION = 'How often does the fog horn sound?';

async function sources(page: Page): Promise<{ label: string; text: string | null }[]> {
  const chips = lastAnswer(page).locator('.source-chips .chip');
  const out = [];
  for (const chip of await chips.all()) out.push({ label: (await chip.textContent())?.trim() ?? '', text: await chip.getAttribute('title') });
  return out;
}

function packs(page: Page) {
  return page.locator('details.packs');
}

async function importPack(page: Page, path: string): Promise<void> {
  await packs(page).locator('summary').click();
  await page.getByTestId('pack-input').setInputFiles(path);
}

test('a pack exported from one profile answers the same in a fresh one, and is not added twice', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'lighthouse.pdf', mimeType: 'application/pdf', buffer: await pdfWithPages(PAGES, 'The lighthouse handbook') },
    { name: 'tomatoes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) },
  ]);
  await expect(documentItem(page, 'lighthouse.pdf')).toBeVisible({ timeout: 60_000 });
  await expect(documentItem(page, 'tomatoes.md')).toBeVisible({ timeout: 60_000 });
  await ask(page, QUESTION);
  await waitForAnswerDone(page);
  const before = await sources(page);
  expect(before.map((s) => s.label).join(' ')).toContain('lighthouse.pdf, page 2');

  await packs(page).locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export 2 documents as a pack' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^hearth-library-\d{4}-\d{2}-\d{2}\.hearth$/);
  const path = testInfo.outputPath('library.hearth');
  await download.saveAs(path);
  await expect(packs(page).getByRole('status')).toContainText('Saved 2 documents');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  try {
    await openReady(other);
    await importPack(other, path);
    await expect(packs(other).getByRole('status')).toContainText('Added 2 documents from “library.hearth”.', { timeout: 60_000 });
    await expect(documentItem(other, 'lighthouse.pdf')).toContainText('3 pages');
    await expect(documentItem(other, 'tomatoes.md')).toBeVisible();
    await ask(other, QUESTION);
    await waitForAnswerDone(other);
    expect(await sources(other)).toEqual(before);

    // The same pack again: both documents are already there, so nothing is added.
    await other.getByTestId('pack-input').setInputFiles(path);
    await expect(packs(other).getByRole('status')).toContainText('Added 0 documents', { timeout: 60_000 });
    await expect(packs(other).getByRole('status')).toContainText('2 were already in your library');
    await expect(documentItem(other, 'lighthouse.pdf')).toHaveCount(1);

    // The original travelled with the pack: the document survives a reload with its original kept.
    await other.reload();
    await expect(documentItem(other, 'lighthouse.pdf')).toBeVisible({ timeout: 60_000 });
  } finally {
    await fresh.close();
  }
});

test('a damaged pack is refused with a clear message and the library is left as it was', async ({ page }, testInfo) => {
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'tomatoes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) });
  await expect(documentItem(page, 'tomatoes.md')).toBeVisible({ timeout: 60_000 });
  await packs(page).locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export 1 document as a pack' }).click()]);
  const good = testInfo.outputPath('good.hearth');
  await download.saveAs(good);

  // One passage's text changed after the pack was made: its checksum no longer matches.
  const files = unzipSync(readFileSync(good));
  const chunks = JSON.parse(new TextDecoder().decode(files['chunks.json'])) as { text: string }[];
  (chunks[0] as { text: string }).text = 'Tampered text.';
  files['chunks.json'] = strToU8(JSON.stringify(chunks));
  const bad = testInfo.outputPath('tampered.hearth');
  writeFileSync(bad, zipSync(files));

  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'tomatoes.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'tomatoes.md')).toHaveCount(0);
  await page.getByTestId('pack-input').setInputFiles(bad);
  const note = packs(page).locator('.error-note');
  await expect(note).toHaveAttribute('data-code', 'PACK_DAMAGED', { timeout: 30_000 });
  await expect(note).toContainText('fails its checksum');
  await expect(page.locator('li.document')).toHaveCount(0);

  // Not a pack at all.
  const notPack = testInfo.outputPath('notes.hearth');
  writeFileSync(notPack, 'just some text');
  await page.getByTestId('pack-input').setInputFiles(notPack);
  await expect(note).toContainText('not a Hearth knowledge pack');
  await expect(page.locator('li.document')).toHaveCount(0);
});

test('a pack made with another embedding model is embedded again on import and then answers', async ({ page }, testInfo) => {
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'lighthouse.pdf', mimeType: 'application/pdf', buffer: await pdfWithPages(PAGES) });
  await expect(documentItem(page, 'lighthouse.pdf')).toBeVisible({ timeout: 60_000 });
  await packs(page).locator('summary').click();
  await packs(page).getByLabel('Include the original files').uncheck();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export 1 document as a pack' }).click()]);
  const path = testInfo.outputPath('mine.hearth');
  await download.saveAs(path);
  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'lighthouse.pdf').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'lighthouse.pdf')).toHaveCount(0);

  // The same pack, declared as made by another model (its vectors would not be comparable).
  const files = unzipSync(readFileSync(path));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { embedder: { id: string }; entries: Record<string, unknown> };
  expect(Object.keys(manifest.entries).some((e) => e.startsWith('originals/'))).toBe(false);
  manifest.embedder.id = 'another-embedder';
  files['manifest.json'] = strToU8(JSON.stringify(manifest));
  const foreign = testInfo.outputPath('foreign.hearth');
  writeFileSync(foreign, zipSync(files));

  await page.getByTestId('pack-input').setInputFiles(foreign);
  await expect(packs(page).getByRole('status')).toContainText('made with another model (another-embedder)', { timeout: 60_000 });
  await expect(documentItem(page, 'lighthouse.pdf')).toBeVisible();
  await ask(page, QUESTION);
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('lighthouse.pdf, page 2');
});
