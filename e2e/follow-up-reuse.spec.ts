import { expect, test, type Page } from '@playwright/test';
import { SOURDOUGH, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';
import { findWorker } from './support/faults';

/**
 * On the CPU engine (stories260K through wllama here) a follow-up in the same conversation is sent as
 * the previous prompt and answer word for word plus what is new, so llama.cpp reads only the new part.
 */

async function greedy(page: Page): Promise<void> {
  await openSettings(page, { advanced: true });
  await page.getByLabel('Temperature').fill('0');
  await page.getByLabel('Longest answer').fill('32');
  await saveSettings(page);
  await expectLibraryReady(page);
}

async function answered(page: Page, question: string): Promise<{ text: string; promptTokens: number; reused: number }> {
  await ask(page, question);
  await waitForAnswerDone(page);
  return lastStats(page);
}

async function lastStats(page: Page): Promise<{ text: string; promptTokens: number; reused: number }> {
  const answer = lastAnswer(page);
  await expect(answer).toHaveAttribute('data-status', 'done');
  const stats = answer.locator('.stats');
  return {
    text: (await answer.locator('.answer').textContent()) ?? '',
    promptTokens: Number(await stats.getAttribute('data-prompt-tokens')),
    reused: Number(await stats.getAttribute('data-reused')),
  };
}

test('a follow-up reads only its new part, and writes exactly what a fresh engine writes from the whole prompt', async ({ page }) => {
  test.setTimeout(240_000);
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await greedy(page);

  const first = await answered(page, 'What are shield volcanoes built from?');
  const warm = await answered(page, 'Which volcano erupted in 1980?');
  // Everything the first prompt and its answer held is kept: only the new passages and question are read.
  expect(warm.reused).toBeGreaterThan(first.promptTokens);
  expect(warm.promptTokens).toBeGreaterThan(warm.reused);
  await expect(lastAnswer(page).locator('.stats')).toContainText('kept from before');

  // A fresh engine (the LLM worker stopped and restarted) given the same conversation reads it all...
  const llmWorker = await findWorker(page, 'llm.worker');
  await llmWorker.evaluate(() => {
    setTimeout(() => {
      throw new Error('engine crashed');
    });
  });
  await expect(page.locator('.model-badge [data-code="WORKER_CRASHED"]')).toBeVisible();
  await lastAnswer(page).getByRole('button', { name: 'Regenerate' }).click();
  await waitForAnswerDone(page);
  const cold = await lastStats(page);
  expect(cold.reused).toBe(0);
  expect(cold.promptTokens).toBe(warm.promptTokens);
  // ...and, greedy, writes the same answer.
  expect(cold.text.length).toBeGreaterThan(0);
  expect(cold.text).toBe(warm.text);
});

test('a follow-up is built afresh once a document its earlier prompt carried was deleted', async ({ page }) => {
  test.setTimeout(240_000);
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await greedy(page);

  const first = await answered(page, 'What are shield volcanoes built from, and how is a sourdough starter fed?');
  await expect(lastAnswer(page).locator('.sources')).toContainText('sourdough.txt');

  page.once('dialog', (dialog) => void dialog.accept());
  await documentItem(page, 'sourdough.txt').getByRole('button', { name: /Delete/ }).click();
  await expect(documentItem(page, 'sourdough.txt')).toHaveCount(0);

  const after = await answered(page, 'Which volcano erupted in 1980?');
  // Not the earlier prompt carried on (it quoted the deleted document): at most its opening is shared.
  expect(after.reused).toBeLessThan(first.promptTokens / 2);
  await expect(lastAnswer(page).locator('.sources')).not.toContainText('sourdough.txt');
});
