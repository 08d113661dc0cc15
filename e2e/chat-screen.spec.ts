/**
 * The chat screen: the question box and the newest answer stay in view however long the
 * conversation gets (laptop and phone), citations written in the answer's text open the passage
 * they name (and only the passages the model was given), quick answers / not-found / don't-know
 * answers are labelled as such, and an answer shows what it is waiting for before its first word.
 *
 * The test model (stories260K) writes nonsense and rarely a "[1]", so the citation test opens a
 * stored conversation whose answers are known.
 */
import { expect, test, type Page } from '@playwright/test';
import { DONT_KNOW } from '../src/lib/core/prompt';
import type { ConversationRecord, SourceRef } from '../src/lib/storage/schema';
import { BEEKEEPING, SOURDOUGH, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, openSettings, saveSettings, waitForAnswerDone } from './support/app';

const QUESTIONS = [
  'How many eggs does the queen lay?',
  'When do beekeepers harvest honey?',
  'How is honey taken from the frames?',
  'What did the 1980 eruption of Mount St. Helens do?',
  'What are shield volcanoes made of?',
  'Why are stratovolcano eruptions explosive?',
  'How do I feed a sourdough starter?',
  'What does a cold proof do to the loaf?',
  'What lives in a sourdough starter?',
  'How many drones does a colony have?',
];

async function shortAnswers(page: Page): Promise<void> {
  await openSettings(page, { advanced: true });
  await page.getByLabel('Longest answer').fill('24');
  await saveSettings(page);
  await expectLibraryReady(page);
}

/** The question box and the whole of the newest message are on screen, and the page itself does not scroll. */
async function expectLatestInView(page: Page): Promise<void> {
  const question = page.getByLabel('Question', { exact: true });
  await expect(question).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Ask', exact: true })).toBeInViewport();
  // The newest answer's end is shown: the list is scrolled to its bottom, just above the question box.
  await expect
    .poll(() => page.locator('.messages').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight), { message: 'the message list follows to its end' })
    .toBeLessThanOrEqual(2);
  await expect(lastAnswer(page)).toBeInViewport();
  const [answerBox, questionBox] = await Promise.all([lastAnswer(page).boundingBox(), question.boundingBox()]);
  expect((answerBox?.y ?? 0) + (answerBox?.height ?? 0)).toBeLessThanOrEqual(questionBox?.y ?? 0);
  const pageScroll = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(pageScroll, 'the page is the viewport: only the message list scrolls').toBeLessThanOrEqual(1);
}

test('after ten questions the question box and the latest answer are in view, on a laptop and on a phone', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openReady(page);
  await shortAnswers(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);

  for (const question of QUESTIONS) {
    await ask(page, question);
    await waitForAnswerDone(page);
  }
  await expect(page.locator('article.message.user')).toHaveCount(10);
  await expectLatestInView(page);

  // Scrolled up, the list stays where the person put it and offers a way back.
  const list = page.locator('.messages');
  const box = await list.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
  await page.mouse.wheel(0, -1500);
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(jump).toBeHidden();
  await expectLatestInView(page);

  // A phone: the same conversation still ends just above the question box.
  await page.setViewportSize({ width: 360, height: 800 });
  await expectLatestInView(page);
  // The documents are one tap away, over the conversation, not above it.
  const toggle = page.getByRole('button', { name: 'Chats and documents' });
  await expect(toggle).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeHidden();
  await toggle.click();
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeInViewport();
  await page.getByRole('button', { name: 'Back to the conversation' }).click();
  await ask(page, 'What do workers do in the hive?');
  await waitForAnswerDone(page);
  await expect(page.locator('article.message.user')).toHaveCount(11);
  await expectLatestInView(page);
});

const handbook: SourceRef = {
  n: 1,
  chunkId: 'chunk-handbook-1',
  docId: 'doc-handbook',
  docName: 'handbook.md',
  text: 'Employees get 25 days of paid leave each year.',
  start: 0,
  end: 47,
  headingPath: ['Leave', 'Annual leave'],
};
const policy: SourceRef = {
  n: 2,
  chunkId: 'chunk-policy-1',
  docId: 'doc-policy',
  docName: 'policy.txt',
  text: 'Unused leave carries over until the end of March.',
  start: 120,
  end: 169,
};

const STORED: ConversationRecord = {
  id: 'stored-citations',
  title: 'Leave',
  updatedAt: Date.now() + 60_000,
  messages: [
    { role: 'user', content: 'How much leave do I get?' },
    {
      role: 'assistant',
      kind: 'answer',
      content: 'Leave is **25 days** a year [1]. Unused days carry over [1, 2], but not as [7] says.\n\nIn code, `days[1]` stays as written.',
      sources: [handbook, policy],
      status: 'done',
    },
    { role: 'user', content: 'And sick days?' },
    {
      role: 'assistant',
      kind: 'extracts',
      content: '',
      extracts: [{ n: 2, text: 'Unused leave carries over until the end of March.' }],
      sources: [handbook, policy],
      searchQuery: 'sick days leave',
      status: 'done',
    },
    { role: 'user', content: 'Who founded the company?' },
    { role: 'assistant', kind: 'not-found', content: '', sources: [handbook], status: 'done' },
    { role: 'user', content: 'What is the dress code?' },
    { role: 'assistant', kind: 'answer', content: DONT_KNOW, dontKnow: true, sources: [handbook, policy], status: 'done' },
  ],
};

/** Adds a conversation to the app's open database (it is the newest, so it opens at the next start). */
const STORE_CONVERSATION = `(async (record) => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('hearth'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const tx = db.transaction('conversations', 'readwrite');
  tx.objectStore('conversations').put(record);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
})`;

test('citations in the answer text are buttons for the passages given, and open the right one', async ({ page }) => {
  await openReady(page);
  await page.evaluate(`${STORE_CONVERSATION}(${JSON.stringify(STORED)})`);
  await page.reload();
  await expectLibraryReady(page);

  const answer = page.locator('article.message.assistant').first();
  const cites = answer.locator('.answer button.cite');
  // [1] → 1; [1, 2] → 1 and 2; [7] was never given: plain text; inside code: untouched.
  await expect(cites).toHaveCount(3);
  expect(await cites.evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.cite))).toEqual(['1', '1', '2']);
  await expect(answer.locator('.answer')).toContainText('not as [7] says');
  await expect(answer.locator('.answer code')).toHaveText('days[1]');
  for (const cite of await cites.all()) {
    const box = await cite.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(24);
    expect(box?.height).toBeGreaterThanOrEqual(24);
  }
  // The sources under it: document, section.
  await expect(answer.locator('.source-chips')).toContainText('[1] handbook.md · Leave › Annual leave');
  await expect(answer.locator('.source-chips')).toContainText('[2] policy.txt');

  // The in-text [2] (of "[1, 2]") opens passage 2.
  await cites.nth(2).click();
  const passage = page.getByRole('complementary', { name: 'Cited passage' });
  await expect(passage).toContainText('policy.txt');
  await expect(passage.getByTestId('cited-passage')).toContainText('Unused leave carries over');
  // And [1] opens passage 1.
  await cites.nth(0).click();
  await expect(passage).toContainText('handbook.md');
  await expect(passage.getByTestId('cited-passage')).toContainText('25 days of paid leave');

  // A quick answer says it is one, quotes with its citation, and tells what was searched.
  const quick = page.locator('article.message.assistant').nth(1);
  await expect(quick).toContainText('Quick answer — sentences quoted from your documents, no model used');
  await expect(quick.locator('blockquote')).toHaveText('Unused leave carries over until the end of March.');
  const searched = quick.locator('details.search-query');
  await expect(searched.locator('summary')).toHaveText('Searched for');
  await expect(searched.getByText('sick days leave')).toBeHidden();
  await searched.locator('summary').click();
  await expect(searched.getByText('sick days leave')).toBeVisible();
  await quick.locator('button.cite').click();
  await expect(passage.getByTestId('cited-passage')).toContainText('Unused leave carries over');

  const notFound = page.locator('article.message.assistant').nth(2);
  await expect(notFound).toContainText("Your documents don't seem to answer this.");
  await expect(notFound.locator('.sources-title')).toHaveText('Closest passages');

  const dontKnow = page.locator('article.message.assistant').nth(3);
  await expect(dontKnow.locator('.note.dont-know')).toHaveText("The documents don't say.");
  await expect(dontKnow.locator('.answer')).toHaveCount(0);
  // Only the last answer can be regenerated; every question can be edited.
  await expect(page.getByRole('button', { name: 'Regenerate' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Edit question' })).toHaveCount(4);
});

test('an answer says what it waits for before its first word, and the screen reader hears statuses, not tokens', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await page.reload();
  await expectLibraryReady(page);
  await page.evaluate(() => {
    const w = window as unknown as { seen: { pending: string[]; firstWordAfterPending: boolean | null; announced: string[] } };
    w.seen = { pending: [], firstWordAfterPending: null, announced: [] };
    new MutationObserver(() => {
      const answers = document.querySelectorAll('article.message.assistant');
      const last = answers[answers.length - 1];
      const pending = last?.querySelector('[data-testid="pending"]')?.textContent?.trim();
      if (pending && pending !== w.seen.pending.at(-1)) w.seen.pending.push(pending);
      if (w.seen.firstWordAfterPending === null && (last?.querySelector('.answer')?.textContent ?? '').length > 0) w.seen.firstWordAfterPending = w.seen.pending.length > 0;
      const announced = document.querySelector('[data-testid="chat-announcer"]')?.textContent ?? '';
      if (announced && announced !== w.seen.announced.at(-1)) w.seen.announced.push(announced);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await ask(page, 'When do beekeepers harvest honey?');
  // The model is not loaded yet on this first question: the answer says so before any word.
  await expect(lastAnswer(page).getByTestId('pending')).toHaveText(/Searching your documents…|Loading the model…|Writing…/);
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  const seen = await page.evaluate(() => (window as unknown as { seen: { pending: string[]; firstWordAfterPending: boolean | null; announced: string[] } }).seen);
  expect(seen.pending.length).toBeGreaterThan(0);
  expect(seen.pending.every((p) => ['Searching your documents…', 'Loading the model…', 'Writing…'].includes(p))).toBe(true);
  expect(seen.pending).toContain('Loading the model…');
  expect(seen.firstWordAfterPending).toBe(true);
  await expect(lastAnswer(page).getByTestId('pending')).toHaveCount(0);

  // The live region changed a few times (statuses, then the answer), not once per streamed token.
  const statuses = ['Searching your documents…', 'Loading the model…', 'Writing the answer…'];
  expect(seen.announced.length).toBeLessThanOrEqual(statuses.length + 1);
  expect(seen.announced.slice(0, -1).every((a) => statuses.includes(a))).toBe(true);
  const final = seen.announced.at(-1) ?? '';
  expect(statuses).not.toContain(final);
  expect(final.length).toBeGreaterThan(0);
  // The message list itself is not a live region (it would read every token).
  await expect(page.locator('.messages[aria-live]')).toHaveCount(0);
});
