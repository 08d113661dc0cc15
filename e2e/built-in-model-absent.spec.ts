/**
 * A browser without the Prompt API (Firefox, Safari, older Chrome): the same Chromium with the API
 * switched off (`--disable-blink-features=AIPromptAPI`), so `LanguageModel` is really undefined.
 */
import { expect, test } from '@playwright/test';
import { openReady } from './support/app';
import { builtInSection, openModels, promptApiHere } from './support/built-in';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium';

const executablePath = chromiumPath();
test.use({ launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS, '--disable-blink-features=AIPromptAPI'] } });

test('without the Prompt API nothing about a built-in model is offered or said', async ({ page }) => {
  await openReady(page);
  expect(await promptApiHere(page)).toEqual({ type: 'undefined', availability: null });
  const dialog = await openModels(page);
  await expect(builtInSection(page)).toHaveCount(0);
  await expect(dialog).not.toContainText('built-in');
  await expect(dialog).not.toContainText('Built into this browser');
  await expect(page.locator('.model-name')).toContainText('Stories 260K (test) · WASM');
});
