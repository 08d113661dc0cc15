/**
 * Conversations a person can come back to: every chat is listed (newest first, the open one marked),
 * kept across reloads, renamed, searched, deleted with a moment to undo, and exported as Markdown
 * with its sources quoted.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { BEEKEEPING, SOURDOUGH, VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openReady, waitForAnswerDone } from './support/app';

const HONEY = 'When do beekeepers harvest honey?';
const QUEEN = 'How many eggs does the queen lay?';
const ERUPTION = 'What did the 1980 eruption of Mount St. Helens do?';
const STARTER = 'How do I feed a sourdough starter?';

test.describe.configure({ timeout: 180_000 });

function chatList(page: Page) {
  return page.getByRole('region', { name: 'Chats', exact: true });
}

function chatItem(page: Page, title: string) {
  return chatList(page).locator('li.chat-item', { hasText: title });
}

/** The button that opens a conversation (it carries aria-current when that one is open). */
function openButton(page: Page, title: string) {
  return chatItem(page, title).locator('button.chat-open');
}

async function askAndWait(page: Page, question: string): Promise<void> {
  await ask(page, question);
  await waitForAnswerDone(page);
}

/** The questions on screen (the text only, not the buttons beside it). */
async function userMessages(page: Page): Promise<string[]> {
  return page.locator('article.message.user > p').allTextContents();
}

test('a chat of several questions is listed as it goes and kept across a reload', async ({ page }) => {
  await openReady(page);
  await expect(chatList(page)).toContainText('No saved chats yet');
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await askAndWait(page, HONEY);
  await expect(chatItem(page, HONEY)).toContainText('1 question');
  await askAndWait(page, QUEEN);
  await expect(chatList(page).locator('li.chat-item')).toHaveCount(1);
  await expect(chatItem(page, HONEY)).toContainText('2 questions');
  await expect(openButton(page, HONEY)).toHaveAttribute('aria-current', 'true');

  await page.reload();
  await expectLibraryReady(page);
  expect((await userMessages(page)).map((t) => t.trim())).toEqual([HONEY, QUEEN]);
  await expect(page.locator('article.message.assistant')).toHaveCount(2);
  await expect(chatItem(page, HONEY)).toContainText('2 questions');
  await expect(openButton(page, HONEY)).toHaveAttribute('aria-current', 'true');
});

test('New chat keeps the previous one: both are listed and the old one opens with its messages', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await askAndWait(page, HONEY);
  const firstAnswer = (await lastAnswer(page).locator('.answer').textContent()) ?? '';

  await chatList(page).getByRole('button', { name: 'New chat' }).click();
  await expect(page.locator('article.message')).toHaveCount(0);
  await expect(chatList(page).getByRole('button', { name: 'New chat' })).toBeDisabled();
  await askAndWait(page, ERUPTION);

  // Newest first; the open one is marked.
  await expect(chatList(page).locator('li.chat-item .chat-title')).toHaveText([ERUPTION, HONEY]);
  await expect(openButton(page, ERUPTION)).toHaveAttribute('aria-current', 'true');
  await expect(openButton(page, HONEY)).not.toHaveAttribute('aria-current', /.*/);

  await openButton(page, HONEY).click();
  await expect(openButton(page, HONEY)).toHaveAttribute('aria-current', 'true');
  expect((await userMessages(page)).map((t) => t.trim())).toEqual([HONEY]);
  await expect(lastAnswer(page).locator('.answer')).toHaveText(firstAnswer);

  // Both are still there after a reload; the most recently answered one is open.
  await page.reload();
  await expectLibraryReady(page);
  await expect(chatList(page).locator('li.chat-item')).toHaveCount(2);
  await expect(openButton(page, ERUPTION)).toHaveAttribute('aria-current', 'true');
});

test('a chat is renamed inline (Enter saves, Escape cancels) and keeps its name across answers and reloads', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await askAndWait(page, HONEY);

  await chatList(page).getByRole('button', { name: `Rename ${HONEY}`, exact: true }).click();
  const field = chatList(page).getByRole('textbox', { name: `New title for ${HONEY}` });
  await expect(field).toBeFocused();
  await field.fill('Honey notes');
  await field.press('Enter');
  await expect(chatItem(page, 'Honey notes')).toBeVisible();
  await expect(chatList(page).getByRole('button', { name: 'Rename Honey notes', exact: true })).toBeFocused();

  await chatList(page).getByRole('button', { name: 'Rename Honey notes', exact: true }).click();
  await chatList(page).getByRole('textbox', { name: 'New title for Honey notes' }).fill('Not this');
  await chatList(page).getByRole('textbox', { name: 'New title for Honey notes' }).press('Escape');
  await expect(chatList(page).locator('li.chat-item .chat-title')).toHaveText(['Honey notes']);

  // Another answer in the renamed chat does not bring the first question back as its title.
  await askAndWait(page, QUEEN);
  await expect(chatItem(page, 'Honey notes')).toContainText('2 questions');
  await page.reload();
  await expectLibraryReady(page);
  await expect(chatList(page).locator('li.chat-item .chat-title')).toHaveText(['Honey notes']);
});

test('delete offers Undo, which brings the chat back; a delete not undone stays after a reload', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'sourdough.txt', SOURDOUGH);
  await askAndWait(page, HONEY);
  await chatList(page).getByRole('button', { name: 'New chat' }).click();
  await askAndWait(page, STARTER);
  const titles = chatList(page).locator('li.chat-item .chat-title');
  await expect(titles).toHaveText([STARTER, HONEY]);

  // Delete the chat that is not open, then undo.
  await chatList(page).getByRole('button', { name: `Delete ${HONEY}`, exact: true }).click();
  await expect(titles).toHaveText([STARTER]);
  await expect(chatList(page).getByRole('status')).toContainText(`Deleted “${HONEY}”`);
  await chatList(page).getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(titles).toHaveText([STARTER, HONEY]);
  await expect(chatList(page).getByRole('button', { name: 'Undo', exact: true })).toHaveCount(0);
  await page.reload();
  await expectLibraryReady(page);
  await expect(titles).toHaveText([STARTER, HONEY]);

  // Delete it again and let it go: it is gone after a reload.
  await chatList(page).getByRole('button', { name: `Delete ${HONEY}`, exact: true }).click();
  await expect(titles).toHaveText([STARTER]);
  await page.reload();
  await expectLibraryReady(page);
  await expect(titles).toHaveText([STARTER]);

  // Deleting the open chat starts a new one; Undo opens it again.
  await expect(openButton(page, STARTER)).toHaveAttribute('aria-current', 'true');
  await chatList(page).getByRole('button', { name: `Delete ${STARTER}`, exact: true }).click();
  await expect(page.locator('article.message')).toHaveCount(0);
  await expect(chatList(page)).toContainText('No saved chats yet');
  await chatList(page).getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(openButton(page, STARTER)).toHaveAttribute('aria-current', 'true');
  expect((await userMessages(page)).map((t) => t.trim())).toEqual([STARTER]);
});

test('search filters the list, ignoring case and accents', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await askAndWait(page, HONEY);
  await chatList(page).getByRole('button', { name: 'New chat' }).click();
  await askAndWait(page, ERUPTION);
  const titles = chatList(page).locator('li.chat-item .chat-title');
  await expect(titles).toHaveText([ERUPTION, HONEY]);

  const search = chatList(page).getByRole('searchbox', { name: 'Search chats' });
  await search.fill('ÉRUPTION');
  await expect(titles).toHaveText([ERUPTION]);
  await search.fill('beekeepers');
  await expect(titles).toHaveText([HONEY]);
  await search.fill('no chat says this');
  await expect(titles).toHaveCount(0);
  await expect(chatList(page)).toContainText('No chats contain “no chat says this”.');
  await search.fill('');
  await expect(titles).toHaveText([ERUPTION, HONEY]);
});

test('the open chat exports as a Markdown file with the question, the answer and its sources quoted', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await askAndWait(page, HONEY);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');

  const [download] = await Promise.all([page.waitForEvent('download'), chatList(page).getByRole('button', { name: 'Export chat as Markdown' }).click()]);
  expect(download.suggestedFilename()).toBe('when-do-beekeepers-harvest-honey.md');
  const markdown = await readFile(await download.path(), 'utf8');

  // The answer exactly as stored (the page shows it rendered from Markdown).
  const stored = await page.evaluate(
    () =>
      new Promise<{ content: string }[]>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('conversations').objectStore('conversations').getAll();
          request.onsuccess = () => resolve((request.result as { messages: { content: string }[] }[])[0]?.messages ?? []);
          request.onerror = () => reject(request.error);
        };
      }),
  );
  const answer = stored[1]?.content.trim() ?? '';
  expect(answer.length).toBeGreaterThan(0);

  expect(markdown.startsWith(`# ${HONEY}\n`)).toBe(true);
  expect(markdown).toContain(`## Question 1\n\n${HONEY}`);
  expect(markdown).toContain(`### Answer\n\n${answer}`);
  expect(markdown).toContain('#### Sources');
  expect(markdown).toMatch(/\n\[1\] bees\.md[^\n]*\n\n> /);
  expect(markdown).toContain('harvest honey in late summer');
});

test('on a phone the chats are in the "Chats and documents" panel; opening one shows it', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  await askAndWait(page, HONEY);
  await chatList(page).getByRole('button', { name: 'New chat' }).click();
  await askAndWait(page, ERUPTION);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(openButton(page, HONEY)).toBeHidden();
  await page.getByRole('button', { name: 'Chats and documents' }).click();
  await expect(openButton(page, ERUPTION)).toHaveAttribute('aria-current', 'true');
  await expect(chatList(page).getByRole('button', { name: 'New chat' })).toBeVisible();
  await expect(chatList(page).getByRole('button', { name: `Delete ${HONEY}`, exact: true })).toBeVisible();
  await openButton(page, HONEY).click();
  await expect(openButton(page, HONEY)).toBeHidden();
  await expect(page.locator('article.message.user > p')).toHaveText([HONEY]);
});

test('a long history draws one page of chats, the older ones a tap away, and search looks through all of them', async ({ page }) => {
  await openReady(page);
  // 61 saved conversations, as a long history leaves them; the oldest one's answer mentions obsidian.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('conversations', 'readwrite');
          const store = tx.objectStore('conversations');
          const now = Date.now();
          for (let i = 1; i <= 61; i++) {
            const n = String(i).padStart(2, '0');
            store.put({
              id: `seeded-${n}`,
              title: `Seeded chat ${n}`,
              updatedAt: now - (62 - i) * 60_000,
              messages: [
                { role: 'user', content: `Seeded question ${n}` },
                { role: 'assistant', content: i === 1 ? 'The blade was made of obsidian.' : `Seeded answer ${n}.` },
              ],
            });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expectLibraryReady(page);

  const titles = chatList(page).locator('li.chat-item .chat-title');
  await expect(titles).toHaveCount(50);
  await expect(titles.first()).toHaveText('Seeded chat 61');
  await expect(titles.last()).toHaveText('Seeded chat 12');
  const more = chatList(page).getByRole('button', { name: 'Show 11 older chats' });
  await more.click();
  await expect(titles).toHaveCount(61);
  await expect(titles.last()).toHaveText('Seeded chat 01');
  await expect(more).toHaveCount(0);

  const search = chatList(page).getByRole('searchbox', { name: 'Search chats' });
  await search.fill('obsidian');
  await expect(titles).toHaveText(['Seeded chat 01']);
  await search.fill('');
  await expect(titles).toHaveCount(50);

  await openButton(page, 'Seeded chat 12').click();
  await expect(openButton(page, 'Seeded chat 12')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('article.message.user > p')).toHaveText(['Seeded question 12']);
});
