/**
 * Deleted is deleted: after "Delete … from this device?" no store of the origin holds any text of the
 * document (IndexedDB, OPFS with the original and the search-index snapshot, Cache Storage, local and
 * session storage), searched for a word that only that document has, as written and as the index
 * analyzes it. Its citations stay in the conversation as "[n] document deleted", before and after a
 * reload, and the other document is still found and cited.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { analyze } from '../src/lib/core/analyzer';
import { SOURDOUGH } from './fixtures/documents';
import { addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';
import { plantCanaries, probeStores } from './support/store-probe';

test.describe.configure({ timeout: 240_000 });

/** A word no other text has (a new number each run), and every form of it a store could hold. */
const WORD = `Quenthalorix${100000 + Math.floor(Math.random() * 900000)}`;
const NEEDLES = [...new Set([WORD.toLowerCase(), ...analyze(`${WORD} ${WORD}s`).filter((t) => t.includes('quenthalorix'))])];

const TIDES = `# Harbour log of ${WORD}

The tide keeper ${WORD} measures the harbour tide at the granite pier every morning.
${WORD} writes the tide height in the harbour logbook before the fishing boats leave.

## Storm warnings

When the barometer falls quickly, ${WORD} raises the red storm flag above the harbour office.
`;

const TIDE_QUESTION = 'When does the tide keeper measure the harbour tide at the pier?';
const STORM_QUESTION = 'Which flag does the keeper raise above the harbour office before a storm?';
const BREAD_QUESTION = 'How often should the sourdough starter be fed with flour and water?';

function chips(page: Page) {
  return page.locator('article.message.assistant .source-chips');
}

/** Poll until the snapshot file exists and its contents satisfy `hasWord`. */
async function expectSnapshot(page: Page, hasWord: boolean): Promise<void> {
  await expect
    .poll(
      async () => {
        const { hits, searched } = await probeStores(page, NEEDLES, ['opfs']);
        return searched.files.includes('index/search.snapshot') && hits.some((h) => h.startsWith('opfs index/search.snapshot')) === hasWord;
      },
      { timeout: 30_000, message: `a search snapshot ${hasWord ? 'with' : 'without'} the word` },
    )
    .toBe(true);
}

/** Ask for a quick answer (quoted sentences, no model) and wait until it is shown. */
async function quickAsk(page: Page, question: string): Promise<void> {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
}

/** How many messages the stored conversations hold, in all. */
function storedMessages(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('conversations').objectStore('conversations').getAll();
          request.onsuccess = () => (open.result.close(), resolve((request.result as { messages: unknown[] }[]).reduce((n, r) => n + r.messages.length, 0)));
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

async function expectNothingLeft(page: Page): Promise<void> {
  const report = await probeStores(page, NEEDLES);
  expect(report.unreadable, 'every file could be read').toEqual([]);
  // It did read the places that hold something: the other document's records and original, the app's caches.
  expect(report.searched.stores).toEqual(expect.arrayContaining(['hearth/documents', 'hearth/chunks', 'hearth/conversations', 'hearth/queue']));
  expect(report.searched.records).toBeGreaterThanOrEqual(3);
  expect(report.searched.files.some((f) => f.startsWith('originals/'))).toBe(true);
  expect(report.searched.cached.length).toBeGreaterThan(0);
  expect(report.hits, `${WORD} left behind`).toEqual([]);
  await expect(page.locator('body')).not.toContainText(WORD, { ignoreCase: true });
}

test('the probe finds a planted string in every kind of store it searches', async ({ page }) => {
  await page.goto('/');
  const canary = 'Zyxwvutcanary7731';
  await plantCanaries(page, canary);
  const { hits, unreadable } = await probeStores(page, [canary]);
  expect(unreadable).toEqual([]);
  for (const place of [
    /^indexeddb probe\/things \[text\]/,
    /^indexeddb probe\/things \[typed\] bytes \(utf-16le\)/,
    /^indexeddb probe\/things \[blob\] bytes \(utf-8\)/,
    /^opfs probe-utf8\.txt \(utf-8\)/,
    /^opfs probe\/deeper\/utf16\.bin \(utf-16le, odd\)/,
    /^cache probe .*\/probe-canary \(utf-8\)/, // stored upper-case: matching ignores case
    /^localStorage probe/,
    /^sessionStorage probe/,
  ]) {
    expect(hits.some((h) => place.test(h)), `${place} in ${JSON.stringify(hits)}`).toBe(true);
  }
});

test('a deleted document leaves no text in any store; its citations stay as "document deleted"', async ({ page }) => {
  await openReady(page);
  // Short answers: what is saved with them (their sources) is what this test is about.
  await openSettings(page, { advanced: true });
  await page.getByLabel('Longest answer').fill('24');
  await saveSettings(page);
  await expectLibraryReady(page);
  await addFileAndWait(page, 'tides.md', TIDES);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);

  // An answer (sources saved with their passages) and a quick answer (quoted sentences saved too).
  await ask(page, TIDE_QUESTION);
  await waitForAnswerDone(page);
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('tides.md');
  await quickAsk(page, STORM_QUESTION);
  await expect(lastAnswer(page)).toHaveAttribute('data-kind', 'extracts');
  await expect(lastAnswer(page).locator('.extracts')).toContainText(WORD);

  // Before: the probe sees the word where it must be (so "none found" below means something).
  await expectSnapshot(page, true);
  const before = await probeStores(page, NEEDLES);
  for (const place of [/^indexeddb hearth\/chunks/, /^indexeddb hearth\/conversations/, /^opfs originals\//, /^opfs index\/search\.snapshot/]) {
    expect(before.hits.some((h) => place.test(h)), `${place} before deleting`).toBe(true);
  }

  // A passage of it is open when it is deleted.
  await lastAnswer(page).locator('.source-chips button.chip', { hasText: 'tides.md' }).first().click();
  const panel = page.getByRole('complementary', { name: 'Cited passage' });
  await expect(panel).toContainText(WORD);
  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'tides.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'tides.md')).toHaveCount(0);
  // At once, not when the next snapshot is written (1.5 s later): the original and the snapshot are gone.
  expect((await probeStores(page, NEEDLES, ['opfs'])).hits).toEqual([]);
  await expect(panel.getByRole('status')).toContainText('This document was deleted');
  await expect(panel).toContainText(/\[\d+\] document deleted/);

  await expectNothingLeft(page);
  const deleted = chips(page).locator('.chip.deleted');
  await expect(deleted.first()).toHaveText(/^\[\d+\] document deleted$/);
  await expect(chips(page).locator('button.chip', { hasText: 'tides.md' })).toHaveCount(0);
  await expect(lastAnswer(page).locator('.deleted-extract').first()).toHaveText(/^\[\d+\] document deleted$/);
  const deletedCount = await deleted.count();
  expect(deletedCount).toBeGreaterThanOrEqual(2); // one in each answer

  // The Markdown export says so too, and quotes nothing of it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export chat as Markdown' }).click()]);
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toMatch(/\[\d+\] document deleted/);
  expect(markdown.toLowerCase()).not.toContain('quenthalorix');

  // The next snapshot is written without its terms; after a reload nothing comes back.
  await expectSnapshot(page, false);
  await expectNothingLeft(page);
  await page.reload();
  await expectLibraryReady(page);
  await expect(chips(page).locator('.chip.deleted')).toHaveCount(deletedCount);
  await expectNothingLeft(page);

  // The other document is still searched and cited (a quick answer: the model is not what this is about).
  await quickAsk(page, BREAD_QUESTION);
  await expect(lastAnswer(page).locator('.extracts')).toContainText('Feed the starter');
  await expect(lastAnswer(page).locator('.source-chips button.chip', { hasText: 'sourdough.txt' }).first()).toBeVisible();
  await expectNothingLeft(page);
});

test('another tab holding the conversation cannot save the deleted text back', async ({ page, context }) => {
  await openReady(page);
  await addFileAndWait(page, 'tides.md', TIDES);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await quickAsk(page, STORM_QUESTION);
  await expect(lastAnswer(page).locator('.extracts')).toContainText(WORD);

  // A second tab opens the same conversation: its messages, with the passages, are in its memory.
  const other = await context.newPage();
  await other.goto('/');
  await expectLibraryReady(other);
  await expect(lastAnswer(other).locator('.extracts')).toContainText(WORD);

  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'tides.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'tides.md')).toHaveCount(0);

  // The other tab answers again, which saves the whole conversation from its memory.
  await quickAsk(other, BREAD_QUESTION);
  await expect.poll(() => storedMessages(page)).toBe(4);
  expect((await probeStores(page, NEEDLES, ['indexeddb'])).hits).toEqual([]);
  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('article.message.assistant')).toHaveCount(2);
  await expect(chips(page).locator('.chip.deleted').first()).toHaveText(/^\[\d+\] document deleted$/);
  await expect(page.locator('body')).not.toContainText(WORD, { ignoreCase: true });
});

test('a chat deleted just before the document comes back by Undo without its text', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'tides.md', TIDES);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await quickAsk(page, STORM_QUESTION);
  await expect.poll(() => storedMessages(page)).toBe(2);

  const chats = page.getByRole('region', { name: 'Chats', exact: true });
  await chats.getByRole('button', { name: `Delete ${STORM_QUESTION}`, exact: true }).click();
  page.once('dialog', (dialog) => dialog.accept());
  await documentItem(page, 'tides.md').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'tides.md')).toHaveCount(0);
  await chats.getByRole('button', { name: 'Undo', exact: true }).click();

  await expect.poll(() => storedMessages(page)).toBe(2);
  await expect(lastAnswer(page).locator('.deleted-extract').first()).toHaveText(/^\[\d+\] document deleted$/);
  expect((await probeStores(page, NEEDLES, ['indexeddb'])).hits).toEqual([]);
  await expect(page.locator('body')).not.toContainText(WORD, { ignoreCase: true });
});
