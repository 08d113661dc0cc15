/**
 * Model output is untrusted text: an answer that opens a raw-text tag (`<script>`, `<style>`,
 * `<textarea>`, `<plaintext>`…) or an HTML comment and never closes it must not swallow the rest of
 * the answer or its citations, and nothing in it may run. The answers are stored as a saved
 * conversation (as if the model had written them) and shown by the real chat screen after a reload.
 */
import { expect, test } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, openReady } from './support/app';

const OPENERS = ['<script>window.__ran = 1;', '<style>p { display: none }', '<iframe src="https://example.org/">', '<textarea>', '<title>', '<xmp>', '<noembed>', '<noscript>', '<noframes>', '<plaintext>', '<!--'];

test('an answer with any raw-text tag left open shows all its text and citations, and runs nothing', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  const source = { n: 1, chunkId: 'c:0', docId: 'c', docName: 'volcanoes.txt', text: VOLCANOES.slice(0, 200), start: 0, end: 200 };
  const messages = OPENERS.flatMap((opener, i) => [
    { role: 'user', content: `Question ${i}` },
    { role: 'assistant', kind: 'answer', status: 'done', sources: [source], content: `Answer ${i} opens ${opener} and goes on [1].\n\n- the list after it ${i}\n- and its second item [1]` },
  ]);
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('conversations', 'readwrite');
          tx.objectStore('conversations').put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { id: 'raw-text-answers', title: 'Raw-text answers', updatedAt: Date.now() + 60_000, messages },
  );
  await page.reload();
  const answers = page.locator('article.message.assistant');
  await expect(answers).toHaveCount(OPENERS.length, { timeout: 30_000 });

  for (const [i, opener] of OPENERS.entries()) {
    const answer = answers.nth(i).locator('.answer');
    await expect(answer, opener).toContainText(`Answer ${i} opens`);
    await expect(answer, opener).toContainText('and goes on');
    await expect(answer.locator('li'), opener).toHaveCount(2);
    await expect(answer.locator('li').first(), opener).toContainText(`the list after it ${i}`);
    await expect(answer.locator('button.cite'), opener).toHaveCount(2);
    // The tag itself is shown as the text the model wrote.
    await expect(answer, opener).toContainText(opener.slice(0, opener.indexOf('>') + 1 || opener.length));
  }
  await expect(page.locator('.answer').locator('script, style, iframe, textarea, title, xmp, noembed, noscript, noframes, plaintext')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  // The citations still open their passage.
  await answers.nth(0).locator('button.cite').first().click();
  await expect(page.getByRole('complementary', { name: 'Cited passage' })).toContainText('volcanoes.txt');
});

test('a reasoning model’s thinking is folded under its answer, shown as text, and never cited', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
  const source = (n: number) => ({ n, chunkId: `c:${n}`, docId: 'c', docName: 'volcanoes.txt', text: VOLCANOES.slice(0, 200), start: 0, end: 200 });
  const thinking = 'Passage [2] is about Etna.\n<img src=x onerror="window.__ran = 1"><script>window.__ran = 2</script> **not bold**';
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('conversations', 'readwrite');
          tx.objectStore('conversations').put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    {
      id: 'thinking-answer',
      title: 'Thinking answer',
      updatedAt: Date.now() + 60_000,
      messages: [
        { role: 'user', content: 'Where are volcanoes?' },
        { role: 'assistant', kind: 'answer', status: 'done', sources: [source(1), source(2)], content: 'At plate boundaries [1].', thinking },
      ],
    },
  );
  await page.reload();
  const answer = page.locator('article.message.assistant').first();
  await expect(answer.locator('.answer')).toHaveText('At plate boundaries 1.', { timeout: 30_000 });

  // Folded: a disclosure under the answer, its text hidden until asked for.
  const disclosure = answer.getByTestId('thinking');
  const summary = disclosure.locator('summary');
  await expect(summary).toHaveText('The model’s reasoning');
  await expect(disclosure.locator('.thinking-text')).toBeHidden();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(disclosure.locator('.thinking-text')).toBeVisible();
  // Shown as the text the model wrote: no markup is made, nothing runs.
  await expect(disclosure.locator('.thinking-text')).toHaveText(thinking);
  await expect(disclosure.locator('img, script, strong, button')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();

  // Only the answer cites: [2] appears in the thinking alone, so passage 2 is not marked as cited.
  await expect(answer.locator('.answer button.cite')).toHaveCount(1);
  await expect(answer.locator('.source-chips .chip.cited')).toHaveCount(1);
  await expect(answer.locator('.source-chips .chip.cited')).toContainText('[1]');
});
