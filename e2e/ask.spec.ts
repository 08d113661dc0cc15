import { expect, test } from '@playwright/test';
import { BEEKEEPING, SOURDOUGH, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

test('ask after a reload: the answer streams in and its citation opens the right passage', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await page.reload();
  await expectLibraryReady(page);

  // Record every length the answer text takes while it streams.
  await page.evaluate(() => {
    const lengths: number[] = [];
    (window as unknown as { answerLengths: number[] }).answerLengths = lengths;
    new MutationObserver(() => {
      const answer = document.querySelectorAll('article.message.assistant .answer');
      const text = answer[answer.length - 1]?.textContent ?? '';
      if (text.length !== lengths[lengths.length - 1]) lengths.push(text.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await ask(page, 'What did the 1980 eruption of Mount St. Helens do?');
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'streaming', { timeout: 60_000 });
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');

  const lengths = await page.evaluate(() => (window as unknown as { answerLengths: number[] }).answerLengths);
  expect(lengths.length, 'the answer arrived in several steps, not at once').toBeGreaterThan(3);
  expect(lengths.at(-1) ?? 0).toBeGreaterThan(10);
  await expect(lastAnswer(page).locator('.stats')).toContainText('tokens/s');

  // The first citation is the passage about the eruption; opening it shows that passage.
  await lastAnswer(page).locator('.source-chips button').first().click();
  const passage = page.getByRole('complementary', { name: 'Cited passage' });
  await expect(passage).toContainText('volcanoes.txt');
  await expect(passage.getByTestId('cited-passage')).toContainText('removed the north face of the mountain');
});

test('the conversation is kept across a reload', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await ask(page, 'How do I feed a sourdough starter?');
  await waitForAnswerDone(page);
  await page.reload();
  await expectLibraryReady(page);
  await expect(page.locator('article.message.user')).toContainText('How do I feed a sourdough starter?');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('sourdough.txt');
});

test('stop ends the answer early and keeps what was written', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await ask(page, 'When do beekeepers harvest honey?');
  await expect(lastAnswer(page).locator('.answer')).not.toBeEmpty({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByRole('button', { name: 'Ask', exact: true })).toBeVisible();
  const written = (await lastAnswer(page).locator('.answer').textContent()) ?? '';
  const chips = await lastAnswer(page).locator('.source-chips .chip').allTextContents();

  // The stopped answer was saved as it stood: the same words, its sources, marked stopped.
  await page.reload();
  await expectLibraryReady(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'stopped');
  await expect(lastAnswer(page).locator('.answer')).toHaveText(written);
  expect(await lastAnswer(page).locator('.source-chips .chip').allTextContents()).toEqual(chips);
});

test('sampling settings reach the model: temperature 0 repeats itself and the answer length is capped', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await openSettings(page, { advanced: true });
  await page.getByLabel('Temperature').fill('0');
  await page.getByLabel('Longest answer').fill('24');
  await saveSettings(page);
  await expectLibraryReady(page);

  const answers: string[] = [];
  for (let i = 0; i < 2; i++) {
    // Each time in a new conversation, so the second prompt does not hold the first turn.
    if (i > 0) await page.getByRole('button', { name: /^New (conversation|chat)$/ }).first().click();
    await ask(page, 'When do beekeepers harvest honey?');
    await waitForAnswerDone(page);
    await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
    answers.push((await lastAnswer(page).locator('.answer').textContent()) ?? '');
    const tokens = Number(/(\d+) tokens ·/.exec((await lastAnswer(page).locator('.stats').textContent()) ?? '')?.[1]);
    expect(tokens).toBeGreaterThan(0);
    expect(tokens).toBeLessThanOrEqual(24);
  }
  expect(answers[0]?.length).toBeGreaterThan(0);
  expect(answers[1]).toBe(answers[0]);
});
