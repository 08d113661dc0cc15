/**
 * Answers a person can trust: the sources under an answer are exactly the passages the LLM worker
 * was given (read from the generate request the page sent it), numbered as in that prompt; a
 * follow-up question is searched as a standalone query.
 */
import { expect, test, type Page } from '@playwright/test';
import { longProse } from './fixtures/files';
import { addFileAndWait, ask, lastAnswer, openReady, saveSettings, waitForAnswerDone } from './support/app';

/** Records every `generate` request the page posts to a worker. */
const RECORD_GENERATE = `(() => {
  window.__generate = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.kind === 'request' && message.type === 'generate') window.__generate.push(message.payload);
    return post.call(this, message, ...rest);
  };
})()`;

async function generateRequests(page: Page): Promise<{ messages: { role: string; content: string }[] }[]> {
  return page.evaluate('window.__generate') as Promise<{ messages: { role: string; content: string }[] }[]>;
}

test('the sources shown are exactly the passages in the prompt the model was given, numbered alike', async ({ page }) => {
  await page.addInitScript(RECORD_GENERATE);
  await openReady(page);
  // Eight passages per question: far more than the tiny test model's prompt holds.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Passages per question').fill('8');
  await saveSettings(page);
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeEnabled({ timeout: 60_000 });
  await addFileAndWait(page, 'lighthouses.txt', longProse(40_000, 'lighthouse'));

  await ask(page, 'What does the keeper do with the lamp oil?');
  await waitForAnswerDone(page);
  const requests = await generateRequests(page);
  const prompt = requests.at(-1)?.messages.at(-1)?.content ?? '';
  const inPrompt = [...prompt.matchAll(/^\[(\d+)\] /gm)].map((m) => Number(m[1]));
  expect(inPrompt.length).toBeGreaterThan(0);
  expect(inPrompt.length).toBeLessThan(8); // the budget dropped some: those must not be shown
  const chips = await lastAnswer(page).locator('.source-chips .chip').allTextContents();
  expect(chips.map((c) => Number(/^\[(\d+)\]/.exec(c.trim())?.[1]))).toEqual(inPrompt);
});
