/** Short answers (Settings → "Longest answer"), so a spec that only needs an answer, not a long one, stays quick on a busy machine. */
import { expect, type Page } from '@playwright/test';
import { lastAnswer, openSettings, saveSettings } from './app';

export async function useShortAnswers(page: Page, tokens = 32): Promise<void> {
  await openSettings(page, { advanced: true });
  await page.getByLabel('Longest answer (tokens)').fill(String(tokens));
  await saveSettings(page);
}

/** The newest answer finished, allowing for a machine so busy that loading the model takes minutes. */
export async function waitForSlowAnswer(page: Page): Promise<void> {
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /done|stopped|error/u, { timeout: 240_000 });
}
