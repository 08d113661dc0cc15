/**
 * Switching the embedding model: the library worker embeds every passage again with the new model
 * (the project's second tiny BERT, 48 dimensions instead of 32), with progress; search answers all
 * along, from the old vectors until every new one is made, then from the new ones, and IndexedDB
 * never holds a mix. An interrupted switch continues where it stopped. Where the person writes
 * another language, the multilingual model is the one offered.
 */
import { expect, test, type Page } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, expectLibraryReady, lastAnswer, openReady, saveSettings, serveOwnTestCatalog } from './support/app';
import { longProse } from './fixtures/files';

test.use({ serviceWorkers: 'block' });
test.beforeEach(async ({ page }) => serveOwnTestCatalog(page));

const NEW_MODEL = 'Tiny BERT embedder, 48 dimensions (test)';
const OLD_MODEL = 'Tiny BERT embedder (test)';

interface VectorState {
  /** The distinct embedders of the documents, and sizes of the chunks' vectors. */
  embedders: string[];
  dims: number[];
  staged: number;
  passages: number;
  languages: Record<string, string>;
}

async function vectorState(page: Page): Promise<VectorState> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('hearth');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['documents', 'chunks', 'stagedVectors']);
      const docs = tx.objectStore('documents').getAll();
      const chunks = tx.objectStore('chunks').getAll();
      const staged = tx.objectStore('stagedVectors').count();
      tx.oncomplete = () => {
        resolve({
          embedders: [...new Set(docs.result.map((d) => d.embedderId))].sort(),
          dims: [...new Set(chunks.result.map((c) => c.vector.length))].sort(),
          staged: staged.result,
          passages: chunks.result.length,
          languages: Object.fromEntries(docs.result.map((d) => [d.name, d.language])),
        });
        db.close();
      };
    };
  })`);
}

/** The re-embedding bar's label, or null when it is not shown. */
function progressLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('.embedder-status [role=progressbar]')?.getAttribute('aria-label') ?? null);
}

function passagesDone(label: string | null): number | null {
  const m = label?.match(/: (\d+) of (\d+) passages$/);
  return m ? Number(m[1]) : null;
}

async function chooseEmbedder(page: Page, id: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: /^Embedding model/ }).selectOption(id);
}

async function quickAnswer(page: Page, question: string): Promise<void> {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
}

test('switching the embedding model embeds the library again with progress, and search answers before, during and after', async ({ page }) => {
  await openReady(page);
  await expect(page.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert');
  await addFileAndWait(page, 'keepers-log.txt', longProse(150_000));
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  const before = await vectorState(page);
  expect(before).toMatchObject({ embedders: ['tiny-bert'], dims: [32], staged: 0 });
  expect(before.passages).toBeGreaterThan(100);

  await chooseEmbedder(page, 'tiny-bert-48');
  await expect(page.getByRole('status').filter({ hasText: 'Saving embeds' })).toHaveText(
    `Saving embeds your ${before.passages} passages again with ${NEW_MODEL}; search keeps using the current model until that is done.`,
  );
  await saveSettings(page);
  await expectLibraryReady(page);

  // Follow the job: the bar counts passages up; the store is never a mix of the two models.
  const seen: number[] = [];
  let asked = false;
  for (let i = 0; i < 600; i++) {
    const label = await progressLabel(page);
    const done = passagesDone(label);
    if (done !== null) {
      expect(label).toMatch(new RegExp(`^Embedding your library with ${NEW_MODEL.replace(/[()]/g, '\\$&')}: \\d+ of ${before.passages} passages$`));
      if (seen.at(-1) !== done) seen.push(done);
      const state = await vectorState(page);
      expect(state.embedders.length, 'documents of one model only').toBe(1);
      expect(state.dims.length, 'vectors of one size only').toBe(1);
      if (!asked && done > 0) {
        // Search answers mid-way, with the old model's vectors.
        await expect(page.getByText(`Search uses ${OLD_MODEL} until every passage is done`)).toBeVisible();
        await quickAnswer(page, 'What did the 1980 eruption of Mount St. Helens remove?');
        await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
        asked = true;
      }
    }
    if (await page.getByText(`Search now uses ${NEW_MODEL}.`).isVisible()) break;
    await page.waitForTimeout(100);
  }
  await expect(page.getByText(`Search now uses ${NEW_MODEL}.`)).toBeVisible();
  expect(seen.length, `progress seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  expect(asked).toBe(true);
  await expect(page.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert-48');

  const after = await vectorState(page);
  expect(after).toMatchObject({ embedders: ['tiny-bert-48'], dims: [48], staged: 0, passages: before.passages });
  await quickAnswer(page, 'Which volcanoes have gentle slopes built from fluid basalt lava?');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');

  // After a reload the library starts on the new model, with nothing left to do.
  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert-48');
  await expect(page.locator('.embedder-status [role=progressbar]')).toHaveCount(0);
  await quickAnswer(page, 'What is a stratovolcano made of?');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
});

test('a switch interrupted by a reload continues where it stopped, and the old vectors stay whole until it is done', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'keepers-log.txt', longProse(300_000));
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  const before = await vectorState(page);
  await chooseEmbedder(page, 'tiny-bert-48');
  await saveSettings(page);

  // Let it make some of the new vectors, then reload in the middle.
  await expect.poll(async () => passagesDone(await progressLabel(page)) ?? 0, { timeout: 60_000, intervals: [50] }).toBeGreaterThan(48);
  await page.reload();
  const halfway = await vectorState(page);
  expect(halfway.embedders).toEqual(['tiny-bert']);
  expect(halfway.dims).toEqual([32]);
  expect(halfway.staged).toBeGreaterThan(48);
  expect(halfway.staged).toBeLessThan(before.passages);

  // The fresh page continues from the staged vectors, not from zero.
  await expectLibraryReady(page);
  await expect.poll(async () => passagesDone(await progressLabel(page)), { timeout: 30_000, intervals: [50] }).not.toBeNull();
  expect(passagesDone(await progressLabel(page))).toBeGreaterThanOrEqual(halfway.staged);
  await expect(page.getByText(`Search now uses ${NEW_MODEL}.`)).toBeVisible({ timeout: 90_000 });
  expect(await vectorState(page)).toMatchObject({ embedders: ['tiny-bert-48'], dims: [48], staged: 0, passages: before.passages });
  await quickAnswer(page, 'What did the 1980 eruption of Mount St. Helens remove?');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
});

const GERMAN = `Der Leuchtturm von Nordstrand

Der Leuchtturm steht seit 1887 auf der Düne am Rand der Insel. Sein Licht ist bei klarem Wetter dreißig Kilometer weit zu sehen.

Bei Nebel ertönt das Nebelhorn alle dreißig Sekunden, damit die Fischer den Hafen auch ohne Sicht finden.`;

test('German documents in an English browser: the multilingual model is offered with the reason, and switching to it re-embeds in every window', async ({ page, context }) => {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await expect(page.getByRole('note')).toHaveCount(0);
  await addFileAndWait(page, 'leuchtturm.txt', GERMAN);
  expect((await vectorState(page)).languages).toEqual({ 'volcanoes.txt': 'en', 'leuchtturm.txt': 'de' });
  // A second window of the same library, searching with the old model.
  const other = await context.newPage();
  await other.goto('/');
  await expectLibraryReady(other);
  await expect(other.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert');

  const offer = page.getByRole('note');
  await expect(offer).toContainText(`Hearth recommends ${NEW_MODEL} because one of your documents is in German; ${OLD_MODEL} reads English only.`);
  await offer.getByRole('button', { name: `Switch to ${NEW_MODEL}` }).click();
  await expect(page.getByText(`Search now uses ${NEW_MODEL}.`)).toBeVisible({ timeout: 60_000 });
  expect(await vectorState(page)).toMatchObject({ embedders: ['tiny-bert-48'], dims: [48], staged: 0 });
  await quickAnswer(page, 'Wie oft ertönt das Nebelhorn?');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('leuchtturm.txt');
  // The other window moved its search over when the library switched (told over the library channel).
  await expect(other.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert-48');
  await expect(other.getByText(`Search now uses ${NEW_MODEL}.`)).toBeVisible();
  await quickAnswer(other, 'Wie oft ertönt das Nebelhorn?');
  await expect(lastAnswer(other).locator('.source-chips')).toContainText('leuchtturm.txt');
  await other.close();
  // The choice is kept: after a reload, no offer and no job.
  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert-48');
  await expect(page.getByRole('note')).toHaveCount(0);
});

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('starts a new library on the multilingual model, and Settings says why', async ({ page }) => {
    await openReady(page);
    await expect(page.locator('.embedder-status')).toHaveAttribute('data-embedder', 'tiny-bert-48');
    await addFileAndWait(page, 'leuchtturm.txt', GERMAN);
    expect(await vectorState(page)).toMatchObject({ embedders: ['tiny-bert-48'], dims: [48], languages: { 'leuchtturm.txt': 'de' } });
    // A German browser gets Hearth in German.
    await page.getByRole('button', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('combobox', { name: /^Embedding-Modell/ })).toHaveValue('tiny-bert-48');
    // …and says why in German too.
    await expect(page.getByText(`Hearth empfiehlt ${NEW_MODEL}, weil Ihr Browser auf Deutsch eingestellt ist; ${OLD_MODEL} liest nur Englisch.`)).toBeVisible();
  });
});
