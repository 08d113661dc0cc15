/**
 * A retrieval worker that stops without an error event: it closes itself, or its event loop never
 * yields. A question then gets a clear WORKER_HUNG error within the deadline (not an endless
 * "Searching…"), the library restarts by itself with its documents, and the question asked again
 * is answered with its sources. A worker that is only busy for a while is left alone. Answers after
 * the fault are quick answers: they come from the retrieval worker alone, so the tests do not wait
 * on the language model, which has nothing to do with these faults.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { DEFAULT_DEADLINE_MS } from '../src/lib/rpc/client';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady, waitForAnswerDone } from './support/app';
import { findWorker, injectFault } from './support/faults';

const QUESTION = 'What are shield volcanoes built from?';
/** The deadline, one ping interval, and a little for the page to show it. */
const NOTICED_WITHIN_MS = DEFAULT_DEADLINE_MS + 4_000;

async function openWithVolcanoes(page: Page): Promise<void> {
  await openReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);
}

/** Ask for a quick answer and wait for it: the passages the retrieval worker found, no model. */
async function askQuick(page: Page, question: string): Promise<void> {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  await waitForAnswerDone(page);
}

async function expectAnsweredFromVolcanoes(page: Page): Promise<void> {
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  await expect(lastAnswer(page).locator('.extracts')).toContainText('fluid basalt lava flows');
  await expect(lastAnswer(page).locator('.source-chips')).toContainText('volcanoes.txt');
}

/** Ask while the worker `hung` is stuck: the answer says so in time, and the app recovers on its own. */
async function expectHungThenRecovered(page: Page, hung: Worker): Promise<void> {
  const asked = Date.now();
  await ask(page, QUESTION);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'retrieving');
  const error = lastAnswer(page).locator('[data-code="WORKER_HUNG"]');
  await expect(error).toBeVisible({ timeout: NOTICED_WITHIN_MS });
  expect(Date.now() - asked, 'noticed within the deadline and a few seconds').toBeLessThan(NOTICED_WITHIN_MS);
  await expect(error).toContainText('stopped responding');
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'error');

  // The library restarted by itself in a fresh worker, with the documents it had.
  await findWorker(page, 'retrieval', { not: hung });
  await expectLibraryReady(page);
  await expect(documentItem(page, 'volcanoes.txt')).toBeVisible();

  await askQuick(page, QUESTION);
  await expectAnsweredFromVolcanoes(page);
}

/** Press Stop and measure in the page how long until the answer ends (gives up after 5 s). */
function stopAndMeasure(page: Page): Promise<{ status: string | null; ms: number }> {
  return page.evaluate(
    () =>
      new Promise<{ status: string | null; ms: number }>((resolve, reject) => {
        const answer = [...document.querySelectorAll('article.message.assistant')].at(-1);
        const stop = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Stop');
        if (!answer || !stop) return reject(new Error('no answer in progress, or no Stop button'));
        const started = performance.now();
        const end = () => {
          observer.disconnect();
          clearTimeout(timer);
          resolve({ status: answer.getAttribute('data-status'), ms: performance.now() - started });
        };
        const observer = new MutationObserver(() => {
          if (/^(stopped|done|error)$/.test(answer.getAttribute('data-status') ?? '')) end();
        });
        const timer = setTimeout(end, 5_000);
        observer.observe(answer, { attributes: true, attributeFilter: ['data-status'] });
        stop.click();
      }),
  );
}

test('a retrieval worker that closed itself is noticed, restarted, and the question asked again is answered', async ({ page }) => {
  await openWithVolcanoes(page);
  const hung = await injectFault(page, 'retrieval', 'close');
  await expectHungThenRecovered(page, hung);
});

test('a retrieval worker stuck in an endless loop: Stop works at once, then it is noticed, restarted, and the question answered', async ({ page }) => {
  await openWithVolcanoes(page);
  const hung = await injectFault(page, 'retrieval', 'endless-loop');
  await ask(page, QUESTION);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'retrieving');
  const stopped = await stopAndMeasure(page);
  expect(stopped.status).toBe('stopped');
  expect(stopped.ms, 'Stop takes effect within 250 ms, though the worker never answers').toBeLessThan(250);
  await expect(page.getByRole('button', { name: 'Ask', exact: true })).toBeVisible();
  await expectHungThenRecovered(page, hung);
});

test('Runtime.terminateExecution ends the loop a worker is stuck in, not the worker: the waiting question is answered, with no restart', async ({ page }) => {
  await openWithVolcanoes(page);
  const busy = await injectFault(page, 'retrieval', 'endless-loop');
  await page.getByLabel('Question', { exact: true }).fill(QUESTION);
  await page.getByRole('button', { name: 'Quick answer', exact: true }).click();
  // Silent for several ping intervals, but well inside the deadline: nothing is killed yet.
  await page.waitForTimeout(3_000);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'retrieving');
  await injectFault(page, 'retrieval', 'terminate-execution');

  await waitForAnswerDone(page);
  await expectAnsweredFromVolcanoes(page);
  expect(page.workers().filter((w) => w.url().includes('retrieval')), 'the same worker, not restarted').toEqual([busy]);
  await expect(page.locator('[data-code="WORKER_HUNG"]')).toHaveCount(0);
});
