/** Looking at the browser's own model (Prompt API) the way a person and Hearth do: the Models dialog, and what the browser says. */
import { expect, type Page } from '@playwright/test';

export const BUILT_IN_ID = 'browser-built-in';

export function builtInSection(page: Page) {
  return page.getByRole('dialog', { name: 'Models' }).getByRole('region', { name: 'Built into this browser' });
}

export async function openModels(page: Page) {
  await page.getByRole('button', { name: 'Models' }).click();
  const dialog = page.getByRole('dialog', { name: 'Models' });
  // The dialog is there (with the test catalog's CPU model) before anything is checked as missing.
  await expect(dialog.locator('li.model-row').first()).toBeVisible();
  return dialog;
}

/** What the browser itself answers, without Hearth. */
export function promptApiHere(page: Page) {
  return page.evaluate(async () => {
    const api = (globalThis as { LanguageModel?: { availability(): Promise<string> } }).LanguageModel;
    return { type: typeof api, availability: api ? await api.availability() : null };
  });
}
