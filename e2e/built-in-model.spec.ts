/**
 * The browser's own model (Prompt API) where this machine can test it: never by a stand-in for
 * `LanguageModel`. The Debian Chromium here exposes `LanguageModel` on secure pages and answers
 * "unavailable" (it has no on-device model service), so that state is tested as it is; a browser
 * without the API is the same Chromium with the API switched off (built-in-model-absent.spec.ts).
 * Offering, downloading and answering with a present model cannot run here: see the unit
 * tests of the offer (src/lib/llm/built-in/offer.test.ts) and the README.
 */
import { expect, test } from '@playwright/test';
import { expectLibraryReady, openReady } from './support/app';
import { BUILT_IN_ID, builtInSection, openModels, promptApiHere } from './support/built-in';

test('a browser whose model cannot run here: Models says so in a sentence, and offers nothing to pick', async ({ page }) => {
  await openReady(page);
  expect(await promptApiHere(page), 'this Chromium exposes LanguageModel and says its model is unavailable').toEqual({ type: 'function', availability: 'unavailable' });

  const dialog = await openModels(page);
  await expect(builtInSection(page).getByTestId('built-in-unavailable')).toHaveText(
    /^This browser has a built-in language model, but says it cannot run on this device \(Chrome offers it on desktop .* 22 GB of free disk space/,
  );
  await expect(dialog.locator(`li[data-model-id="${BUILT_IN_ID}"]`)).toHaveCount(0);
  await expect(builtInSection(page).getByRole('button')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Not in Settings' list either, and the recommendation stays Hearth's own model.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Language model').locator('option', { hasText: 'built into the browser' })).toHaveCount(0);
  await expect(page.locator('.model-name')).toContainText('Stories 260K (test) · WASM');
});

test("a stored choice of the browser's model, on a browser that cannot run it, falls back to the recommendation", async ({ page }) => {
  await openReady(page);
  await page.evaluate((id) => {
    const settings = JSON.parse(localStorage.getItem('hearth.settings') ?? '{}') as Record<string, unknown>;
    localStorage.setItem('hearth.settings', JSON.stringify({ ...settings, llmId: id }));
  }, BUILT_IN_ID);
  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('.model-name')).toContainText('Stories 260K (test) · WASM');
  await expect(page.locator('.model-name')).not.toContainText('Built-in browser model');
});
