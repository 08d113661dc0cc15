/**
 * Answers a person can trust: the sources under an answer are exactly the passages the LLM worker
 * was given (read from the generate request the page sent it), numbered as in that prompt; a
 * follow-up question is searched as a standalone query.
 */
import { expect, test, type Page } from '@playwright/test';
import { longProse } from './fixtures/files';
import { addFileAndWait, ask, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

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
  await openSettings(page, { advanced: true });
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

const PUMP = `# Pool pump manual

## Priming

Fill the pump casing with water through the priming plug until it overflows, then close the plug.

## Winter storage

Drain the casing completely before the first frost so the water cannot freeze and crack it.

## Warranty

The warranty lasts two years from the date of purchase and covers the motor and the seals.
`;

test('a quick answer quotes the best sentences at once, labelled as extracts, without the model', async ({ page }) => {
  await page.addInitScript(RECORD_GENERATE);
  await openReady(page);
  await addFileAndWait(page, 'pump.md', PUMP);
  await page.getByLabel('Question', { exact: true }).fill('How long does the warranty last?');
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  const reply = lastAnswer(page);
  await expect(reply).toHaveAttribute('data-kind', 'extracts');
  await expect(reply).toHaveAttribute('data-status', 'done');
  await expect(reply).toContainText('sentences quoted from your documents, no model used');
  await expect(reply.locator('.extracts')).toContainText('The warranty lasts two years from the date of purchase');
  await expect(reply.locator('.extracts button.cite').first()).toBeVisible();
  expect(await generateRequests(page)).toHaveLength(0);
});

test('a question the documents do not answer gets "not found" and the closest passages, without the model', async ({ page }) => {
  await page.addInitScript(RECORD_GENERATE);
  await openReady(page);
  await addFileAndWait(page, 'pump.md', PUMP);
  await ask(page, 'Who painted the ceiling of the Sistine Chapel?');
  const reply = lastAnswer(page);
  await expect(reply).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(reply).toHaveAttribute('data-kind', 'not-found');
  await expect(reply).toContainText("Your documents don't seem to answer this.");
  await expect(reply.locator('.source-chips .chip').first()).toContainText('pump.md');
  expect(await generateRequests(page)).toHaveLength(0);
});

test('copy, regenerate, edit and resend; a follow-up is searched as a standalone query', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(RECORD_GENERATE);
  await openReady(page);
  await addFileAndWait(page, 'pump.md', PUMP);
  await ask(page, 'How do I prime the pool pump?');
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');

  await lastAnswer(page).getByRole('button', { name: 'Copy', exact: true }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Sources:');
  expect(copied).toContain('pump.md');

  // A follow-up without its subject: retrieval gets the earlier question's terms with it.
  await ask(page, 'And in winter?');
  await waitForAnswerDone(page);
  await lastAnswer(page).locator('details.search-query summary').click();
  await expect(lastAnswer(page).locator('details.search-query')).toContainText('prime');
  const before = (await generateRequests(page)).length;

  await lastAnswer(page).getByRole('button', { name: 'Regenerate', exact: true }).click();
  await waitForAnswerDone(page);
  expect((await generateRequests(page)).length).toBe(before + 1);
  await expect(page.locator('article.message.assistant')).toHaveCount(2);

  // Edit the first question: the answers after it are replaced by one new answer.
  await page.locator('article.message.user').first().getByRole('button', { name: 'Edit question' }).click();
  await page.getByRole('textbox', { name: 'Edit question' }).fill('How long is the warranty?');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await waitForAnswerDone(page);
  await expect(page.locator('article.message.user')).toHaveCount(1);
  await expect(page.locator('article.message.user').first()).toContainText('How long is the warranty?');
  await expect(page.locator('article.message.assistant')).toHaveCount(1);
  const prompt = (await generateRequests(page)).at(-1)?.messages.at(-1)?.content ?? '';
  expect(prompt).toContain('Question: How long is the warranty?');
});
