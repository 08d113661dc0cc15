/**
 * Models and Settings for someone who has never heard of quantization: the recommended model is
 * marked with its reason, sizes, memory, speed and languages are in everyday words, the technical
 * terms wait behind "What's this?", "in use" means loaded, the embedder every library downloads is
 * listed, Settings folds the technical part under "Advanced", and the language switch turns the
 * interface into German at once and keeps it after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

const models = (page: Page, name = 'Models') => page.getByRole('dialog', { name });
const row = (page: Page, name: string, dialog = 'Models') => models(page, dialog).locator('li.model-row', { hasText: name });

test('Models marks the recommended model with its reason, in everyday words, and says "in use" only once it is loaded', async ({ page }) => {
  test.setTimeout(180_000);
  await openReady(page);
  // Short, steady answers from the tiny test model.
  await openSettings(page, { advanced: true });
  await page.getByLabel('Temperature').fill('0');
  await page.getByLabel('Longest answer').fill('24');
  await saveSettings(page);
  await expectLibraryReady(page);
  await page.getByRole('button', { name: 'Models' }).click();

  // This machine's WebGPU is a software renderer, so the recommendation is the CPU model.
  const stories = row(page, 'Stories 260K (test)');
  await expect(stories.getByTestId('recommended')).toHaveText('Recommended');
  await expect(stories).toContainText("The strongest model that answers quickly on this device's processor, since its graphics chip is only imitated in software");
  await expect(stories.locator('.model-facts')).toHaveText('1.2 MB download · needs about 100 MB of memory · fast on this device · English');
  // Chosen but not downloaded: not "in use".
  await expect(stories).toHaveAttribute('data-status', 'chosenNotDownloaded');
  await expect(stories).toContainText('chosen · not downloaded');
  await expect(stories).not.toContainText('in use');
  // An f16 build cannot run on this graphics chip, and the row says so in plain words.
  await expect(row(page, 'WebGPU test model (q4f16)').locator('.model-facts')).toContainText('will not run on this device');

  // The technical terms are folded away until asked for, then each explained in a sentence.
  const explanation = stories.getByTestId('whats-this');
  await expect(explanation).toBeHidden();
  await stories.getByText("What's this?").click();
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText('WASM (WebAssembly) runs programs on the processor inside the browser');
  await expect(explanation).toContainText('GGUF is how this model is packed');
  await expect(explanation).toContainText('Quantization f32: the model\'s numbers are kept at full precision');

  // The embedding model every library downloads, with its size, what it does, and that it is in use.
  const helpers = models(page).getByRole('region', { name: 'Search helpers' });
  const embedder = helpers.locator('li.model-row[data-kind="embedder"]', { hasText: 'Tiny BERT embedder (test)' });
  await expect(embedder.locator('.model-facts')).toHaveText('1.0 MB download · needs about 100 MB of memory · English');
  await expect(embedder).toContainText('turns your documents and questions into lists of numbers that capture their meaning');
  await expect(embedder).toHaveAttribute('data-status', 'inUse');
  await expect(helpers.locator('li.model-row[data-kind="reranker"]')).toContainText('1.0 MB download');
  await models(page).getByRole('button', { name: 'Close' }).click();

  // After a question the model is downloaded and loaded: now it is "in use".
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await ask(page, 'What are shield volcanoes built from?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await page.getByRole('button', { name: 'Models' }).click();
  await expect(stories).toHaveAttribute('data-status', 'inUse');
  await expect(stories.locator('.pill.ok')).toHaveText('in use');
});

test('Settings folds the technical part under Advanced, and the language switch turns Hearth into German at once and after a reload', async ({ page }) => {
  await openReady(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByLabel('Language model')).toBeVisible();
  await expect(settings.getByText('The model that writes the answers.')).toBeVisible();
  // Folded: catalog, model source, sampling, passages and reranking are not on screen until asked for.
  for (const label of ['Catalog URL', 'Model source', 'Temperature', 'Top-p', 'Longest answer', 'Passages per question', 'Rerank passages']) {
    await expect(settings.getByLabel(label)).toBeHidden();
  }
  await settings.getByText('Advanced', { exact: true }).click();
  await expect(settings.getByLabel('Catalog URL')).toBeVisible();
  await expect(settings.getByText('a token is about three quarters of a word')).toBeVisible();

  // The switch offers the browser's language and the four of Hearth, and acts without a restart.
  const language = settings.getByLabel('Language', { exact: true });
  await expect(language.locator('option')).toHaveText(['Automatic (English, from the browser)', 'English', 'Deutsch', 'Français', 'Español']);
  await language.selectOption('de');
  const einstellungen = page.getByRole('dialog', { name: 'Einstellungen' });
  await expect(einstellungen.getByRole('heading', { name: 'Einstellungen' })).toBeVisible();
  await expect(einstellungen.getByLabel('Sprachmodell')).toBeVisible();
  await expect(einstellungen.getByRole('button', { name: 'Speichern und neu starten' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modelle' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await einstellungen.getByRole('button', { name: 'Abbrechen' }).click();

  // Kept: after a reload Hearth opens in German, the Models dialog included.
  await page.reload();
  await page.getByRole('button', { name: 'Modelle' }).click();
  const stories = row(page, 'Stories 260K (test)', 'Modelle');
  await expect(stories.getByTestId('recommended')).toHaveText('Empfohlen');
  await expect(stories.locator('.model-facts')).toHaveText('1,2 MB Download · braucht etwa 100 MB Arbeitsspeicher · schnell auf diesem Gerät · Englisch');
  await expect(stories.getByText('Was ist das?')).toBeVisible();
  await expect(models(page, 'Modelle').getByRole('region', { name: 'Suchhelfer' })).toContainText('Ein Embedding-Modell: Es verwandelt Ihre Dokumente');
  await models(page, 'Modelle').getByRole('button', { name: 'Schließen' }).click();

  // Back to the browser's language.
  await openSettings(page);
  await page.getByRole('dialog', { name: 'Einstellungen' }).getByLabel('Sprache', { exact: true }).selectOption('auto');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('hearth.locale'))).toBeNull();
});
