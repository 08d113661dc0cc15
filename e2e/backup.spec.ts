/**
 * Backup and restore as a person uses them: back up a library with its chats, restore the file in a
 * fresh browser profile and find the same documents, the same chats and the same passages for the
 * same questions; a damaged backup and a cancelled restore leave an existing library exactly as it
 * was (IndexedDB and OPFS read directly), and the good backup still restores afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../src/lib/config/settings';
import { chunkTerms } from '../src/lib/core/chunk-terms';
import type { ChunkRecord, DocumentRecord } from '../src/lib/storage/schema';
import { writeBackup } from '../workers/backup/write';
import { longProse, pdfWithPages } from './fixtures/files';
import { ask, documentItem, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

test.describe.configure({ timeout: 240_000 });

const PAGES = [
  'Lighthouse keeping\nThe keeper climbed the tower stairs every evening to light the lamp.\nThe lamp burned paraffin oil and was trimmed twice each night.',
  'Fog signals\nWhen fog rolled in from the sea the keeper started the fog horn.\nThe horn sounded two blasts every sixty seconds until the fog lifted.',
  'Automation\nBy 1998 the last keepers had left and the lights were automated.\nEngineers visit the tower twice a year to service the equipment.',
];
const NOTES = '# Tomatoes\n\nTomatoes need six hours of sun a day.\n\n## Watering\n\nWater the plants deeply twice a week.\n';
const FOG = 'How often does the fog horn sound?';
const WATER = 'How often should I water the tomatoes?';

function backupSection(page: Page) {
  return page.locator('details.backup');
}

function chatList(page: Page) {
  return page.getByRole('region', { name: 'Chats', exact: true });
}

function chatTitles(page: Page) {
  return chatList(page).locator('li.chat-item .chat-title');
}

async function sources(page: Page): Promise<{ label: string; text: string | null }[]> {
  const out = [];
  for (const chip of await lastAnswer(page).locator('.source-chips .chip').all()) out.push({ label: (await chip.textContent())?.trim() ?? '', text: await chip.getAttribute('title') });
  return out;
}

async function askAndWait(page: Page, question: string): Promise<void> {
  await ask(page, question);
  await waitForAnswerDone(page);
}

/** A quick answer (quoted sentences, no model): instant and deterministic, and saved like any answer. */
async function quickAnswer(page: Page, question: string): Promise<{ extracts: string; sources: { label: string; text: string | null }[] }> {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-kind', 'extracts');
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  return { extracts: (await lastAnswer(page).locator('.extracts').textContent()) ?? '', sources: await sources(page) };
}

async function backUp(page: Page, path: string): Promise<void> {
  await backupSection(page).locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up everything' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^hearth-backup-\d{4}-\d{2}-\d{2}\.hearth$/);
  await download.saveAs(path);
}

async function restore(page: Page, path: string): Promise<void> {
  if ((await backupSection(page).getAttribute('open')) === null) await backupSection(page).locator('summary').click();
  await page.getByTestId('backup-input').setInputFiles(path);
}

/** Everything stored, read straight from IndexedDB and OPFS (not through the app). */
function stored(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('hearth');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const q = db.transaction(store).objectStore(store).getAll();
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
    const documents = ((await all('documents')) as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id));
    const chunks = ((await all('chunks')) as { id: string; text: string; terms: string[]; vector: Uint16Array }[])
      .map((c) => `${c.id} ${c.text} ${c.terms.join(',')} ${Array.from(c.vector).join(',')}`)
      .sort();
    const conversations = ((await all('conversations')) as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id));
    db.close();
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('originals', { create: true });
    const originals: string[] = [];
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) originals.push(`${name} ${(await handle.getFile()).size}`);
    return { documents, chunkCount: chunks.length, chunks, conversations, conversationCount: conversations.length, originals: originals.sort() };
  });
}

test('a backup restored in a fresh profile has the same documents, chats, settings and passages for the same questions', async ({ page, browser }, testInfo) => {
  await openReady(page);
  // Short answers (the test model writes nonsense; the passages are what is compared), and a setting to carry over.
  await openSettings(page, { advanced: true });
  await page.getByLabel('Longest answer').fill('16');
  await saveSettings(page);
  await expectLibraryReady(page);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'lighthouse.pdf', mimeType: 'application/pdf', buffer: await pdfWithPages(PAGES, 'The lighthouse handbook') },
    { name: 'tomatoes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) },
  ]);
  await expect(documentItem(page, 'lighthouse.pdf')).toBeVisible({ timeout: 60_000 });
  await expect(documentItem(page, 'tomatoes.md')).toBeVisible({ timeout: 60_000 });
  await askAndWait(page, FOG);
  const fogSources = await sources(page);
  expect(fogSources.map((s) => s.label).join(' ')).toContain('lighthouse.pdf, page 2');
  await chatList(page).getByRole('button', { name: 'New chat' }).click();
  const water = await quickAnswer(page, WATER);
  expect(water.sources.map((s) => s.label).join(' ')).toContain('tomatoes.md');
  expect(water.extracts).toContain('Water the plants deeply twice a week.');
  await expect(chatTitles(page)).toHaveText([WATER, FOG]);
  const before = await stored(page);

  const path = testInfo.outputPath('backup.hearth');
  await backUp(page, path);
  await expect(backupSection(page).getByRole('status')).toContainText('Saved 2 documents and 2 conversations');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  try {
    await openReady(other);
    await expect(other.locator('li.document')).toHaveCount(0);
    await restore(other, path);
    await expect(backupSection(other).getByRole('status')).toHaveText('Restored 2 documents and 2 conversations; checked.', { timeout: 60_000 });
    await expect(backupSection(other).locator('.backup-checked')).toContainText('2 documents, 4 passages, 2 original files, 2 conversations');
    await expect(documentItem(other, 'lighthouse.pdf')).toContainText('3 pages');
    await expect(documentItem(other, 'tomatoes.md')).toBeVisible();
    await expect(chatTitles(other)).toHaveText([WATER, FOG]);
    // The same records in IndexedDB and the same originals in OPFS as in the first profile.
    const after = await stored(other);
    expect(after).toEqual(before);

    // The backup's settings are offered; taking them restarts Hearth with them, the restored library still there.
    await expect(backupSection(other)).toContainText('The backup has other settings.');
    await Promise.all([other.waitForEvent('load'), other.getByRole('button', { name: "Use the backup's settings" }).click()]);
    await expectLibraryReady(other);
    await openSettings(other, { advanced: true });
    await expect(other.getByLabel('Longest answer')).toHaveValue('16');
    await other.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(chatTitles(other)).toHaveText([WATER, FOG]);

    // A restored chat opens with its answer and sources; a question asked again finds the same passages.
    await chatList(other).locator('li.chat-item', { hasText: FOG }).locator('button.chat-open').click();
    await expect(other.locator('article.message.assistant')).toHaveCount(1);
    expect(await sources(other)).toEqual(fogSources);
    await chatList(other).getByRole('button', { name: 'New chat' }).click();
    await askAndWait(other, FOG);
    expect(await sources(other)).toEqual(fogSources);
    await chatList(other).getByRole('button', { name: 'New chat' }).click();
    expect(await quickAnswer(other, WATER)).toEqual(water);

    // The same backup again: everything is already here, nothing is doubled.
    await restore(other, path);
    await expect(backupSection(other).getByRole('status')).toHaveText('Nothing to restore: everything in this backup is already here.', { timeout: 60_000 });
    await expect(documentItem(other, 'lighthouse.pdf')).toHaveCount(1);
  } finally {
    await fresh.close();
  }
});

/** A backup holding one long document without vectors (so a restore must embed 4,000 passages) and one chat. */
async function slowBackup(path: string): Promise<void> {
  const text = longProse(1_600_000, 'logbook');
  const size = 400;
  const doc: DocumentRecord = {
    id: 'logbook-id', name: 'logbook.md', mimeType: 'text/markdown', sizeBytes: text.length, textLength: text.length, chunkCount: 0, embedderId: 'none',
    addedAt: 1, format: 'markdown', contentHash: 'c'.repeat(64), warnings: [], hasOriginal: false, storedBytes: 0,
  };
  const chunks: ChunkRecord[] = [];
  for (let start = 0, index = 0; start < text.length; start += size, index++) {
    const passage = text.slice(start, start + size);
    chunks.push({ id: `logbook-id:${index}`, docId: doc.id, index, text: passage, start, end: start + passage.length, headingPath: [], terms: chunkTerms(doc.name, [], passage), vector: new Uint16Array(0) });
  }
  doc.chunkCount = chunks.length;
  const conversation = { id: 'logbook-chat', title: 'What is in the logbook?', updatedAt: 1, messages: [{ role: 'user' as const, content: 'What is in the logbook?' }] };
  const bytes = await writeBackup({ entries: [{ doc, chunks }], embedder: null, conversations: [conversation], settings: DEFAULT_SETTINGS, models: { embedder: null, llm: null, reranker: null }, createdBy: 'test' });
  writeFileSync(path, bytes);
}

test('a damaged backup and a cancelled restore leave the library exactly as it was', async ({ page }, testInfo) => {
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'tomatoes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) });
  await expect(documentItem(page, 'tomatoes.md')).toBeVisible({ timeout: 60_000 });
  await quickAnswer(page, WATER);
  const good = testInfo.outputPath('good.hearth');
  await backUp(page, good);

  // The library moves on: the tomatoes and their chat deleted, a lighthouse handbook and a chat about it added.
  await page.getByRole('button', { name: `Delete ${WATER}` }).click();
  await expect(chatTitles(page)).toHaveCount(0);
  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'tomatoes.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'tomatoes.md')).toHaveCount(0);
  await page.getByTestId('file-input').setInputFiles({ name: 'lighthouse.pdf', mimeType: 'application/pdf', buffer: await pdfWithPages(PAGES) });
  await expect(documentItem(page, 'lighthouse.pdf')).toBeVisible({ timeout: 60_000 });
  await quickAnswer(page, FOG);
  await expect(chatTitles(page)).toHaveText([FOG]);
  const before = await stored(page);
  expect(before).toMatchObject({ conversationCount: 1, originals: [expect.any(String)] });
  expect(before.chunkCount).toBeGreaterThan(0);

  // Bytes flipped inside the stored original (zip headers carry no content: the entries' bytes are what is checked).
  const bytes = readFileSync(good);
  const at = bytes.indexOf(Buffer.from('Water the plants deeply'));
  expect(at).toBeGreaterThan(0);
  for (let i = 0; i < 8; i++) bytes[at + i] = (bytes[at + i] as number) ^ 0xff;
  const damaged = testInfo.outputPath('damaged.hearth');
  writeFileSync(damaged, bytes);
  await restore(page, damaged);
  const note = backupSection(page).locator('.error-note');
  await expect(note).toHaveAttribute('data-code', 'BACKUP_DAMAGED', { timeout: 30_000 });
  await expect(note).toContainText('nothing was restored');
  expect(await stored(page)).toEqual(before);
  await expect(page.locator('li.document')).toHaveCount(1);
  await expect(chatTitles(page)).toHaveText([FOG]);

  // Cancelled while its passages are being embedded.
  const slow = testInfo.outputPath('slow.hearth');
  await slowBackup(slow);
  await restore(page, slow);
  await expect(page.getByRole('progressbar', { name: /Preparing passages for search/ })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel restore' }).click();
  await expect(backupSection(page).getByRole('status')).toHaveText('Restore of “slow.hearth” cancelled; nothing was changed.', { timeout: 30_000 });
  expect(await stored(page)).toEqual(before);
  await expect(page.locator('li.document')).toHaveCount(1);
  await expect(chatTitles(page)).toHaveText([FOG]);

  // The good backup still restores beside what is here (so the two above had something to write).
  await restore(page, good);
  await expect(backupSection(page).getByRole('status')).toHaveText('Restored 1 document and 1 conversation; checked.', { timeout: 60_000 });
  await expect(documentItem(page, 'tomatoes.md')).toBeVisible();
  await expect(chatTitles(page)).toHaveText([FOG, WATER]);
  const after = await stored(page);
  expect(after.conversationCount).toBe(2);
  expect(after.originals).toHaveLength(2);
  // Searchable at once, without a reload.
  expect((await quickAnswer(page, WATER)).extracts).toContain('Water the plants deeply twice a week.');
});
