/**
 * Drives Hearth the way a person does, through the names the end-to-end tests use
 * (e2e/support/app.ts): the file input, the Question box and its Ask button, the assistant message
 * and its data-status. Nothing here calls into the app's code or its workers, so the soak keeps
 * working while their insides change.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { SoakDocument } from './corpus';

/** Settings the app reads from localStorage at start (src/lib/config/settings.ts). */
export interface SoakSettings {
  catalogUrl: string;
  maxAnswerTokens: number;
}

/**
 * Written before the app's first script, once: a fresh context has no settings, and later loads
 * keep whatever the app itself stored.
 */
function settingsScript(settings: SoakSettings): string {
  return `if (!localStorage.getItem('hearth.settings')) localStorage.setItem('hearth.settings', ${JSON.stringify(JSON.stringify(settings))});`;
}

/**
 * Times each question in the page itself, so Playwright's polling does not count: from the composer's
 * submit event to the moment the newest assistant message takes a final status.
 */
const TIMING_SCRIPT = `
  window.__soak = { asked: 0, done: 0, status: '' };
  addEventListener('submit', () => { __soak.asked = performance.now(); __soak.done = 0; __soak.status = ''; }, true);
  addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => {
      if (!__soak.asked || __soak.done) return;
      const last = document.querySelector('.messages-content > article:last-of-type');
      const status = last && last.classList.contains('assistant') ? last.getAttribute('data-status') : null;
      if (status === 'done' || status === 'stopped' || status === 'error') { __soak.done = performance.now(); __soak.status = status; }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
`;

const FINAL = '[data-status="done"], [data-status="stopped"], [data-status="error"]';

export async function openApp(context: BrowserContext, appUrl: string, settings: SoakSettings): Promise<Page> {
  await context.addInitScript(settingsScript(settings));
  await context.addInitScript(TIMING_SCRIPT);
  const page = await context.newPage();
  await page.goto(appUrl);
  const addButton = page.getByRole('button', { name: 'Add documents' });
  try {
    await addButton.and(page.locator(':enabled')).waitFor({ timeout: 120_000 });
  } catch {
    throw new Error(`The app did not become ready ("Add documents" stayed disabled for 2 minutes). The page shows:\n${(await page.locator('body').innerText()).slice(0, 1500)}`);
  }
  if (!(await page.evaluate(() => self.crossOriginIsolated))) throw new Error('The app is not cross-origin isolated: its WASM would run without threads, and memory attribution is unavailable');
  return page;
}

export function listedCount(page: Page): Promise<number> {
  return page.locator('li.document').count();
}

/** Add files through the file input (several at once, as a person picking them does), and wait until every one is listed. */
export async function addDocuments(page: Page, docs: readonly SoakDocument[], timeoutMs: number): Promise<void> {
  const before = await listedCount(page);
  await page.getByTestId('file-input').setInputFiles(docs.map((d) => ({ name: d.name, mimeType: d.mimeType, buffer: Buffer.from(d.text) })));
  const want = before + docs.length;
  try {
    await page.waitForFunction((n) => document.querySelectorAll('li.document').length >= n, want, { timeout: timeoutMs, polling: 250 });
  } catch {
    const listed = await listedCount(page);
    const library = (await page.locator('aside.library').innerText().catch(() => '')).slice(0, 1500);
    throw new Error(`Only ${listed} of ${want} documents were listed after ${timeoutMs / 1000} s (adding ${docs.map((d) => d.name).join(', ')}). The library shows:\n${library}`);
  }
}

export interface AnswerOutcome {
  /** Submit → final status, measured in the page. */
  ms: number;
  status: string;
  /** What the answer is: 'answer', 'not-found', 'extracts', 'dont-know'… (data-kind). */
  kind: string;
  /** The error shown, for an answer that ended in error. */
  error?: string;
  /** The model's own figures shown under a written answer (absent for "not found" and quick answers). */
  engine?: { tokens: number; firstTokenMs: number; tokensPerSecond: number };
}

/** "12 tokens · first token 80 ms · 150.2 tokens/s" (Message.svelte's stats line). */
export function parseStats(text: string): AnswerOutcome['engine'] {
  const m = /(\d+) tokens · first token (\d+) ms · ([\d.]+) tokens\/s/.exec(text);
  return m ? { tokens: Number(m[1]), firstTokenMs: Number(m[2]), tokensPerSecond: Number(m[3]) } : undefined;
}

/** Ask through the composer and wait until the answer is finished. */
export async function ask(page: Page, question: string, timeoutMs: number): Promise<AnswerOutcome> {
  const answers = page.locator('article.message.assistant');
  const before = await answers.count();
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const reply = answers.nth(before);
  try {
    await reply.and(page.locator(FINAL)).waitFor({ timeout: timeoutMs });
  } catch {
    const status = await reply.getAttribute('data-status', { timeout: 1000 }).catch(() => 'missing');
    throw new Error(`No finished answer to "${question}" within ${timeoutMs / 1000} s (its status: ${status})`);
  }
  const timing = await page.evaluate(() => (window as unknown as { __soak: { asked: number; done: number; status: string } }).__soak);
  if (!timing.asked || !timing.done) throw new Error(`The page did not time the answer to "${question}" (the timing observer saw asked=${timing.asked}, done=${timing.done})`);
  const status = (await reply.getAttribute('data-status')) ?? '';
  const kind = (await reply.getAttribute('data-kind')) ?? '';
  const outcome: AnswerOutcome = { ms: timing.done - timing.asked, status, kind };
  if (status === 'error') outcome.error = (await reply.innerText()).slice(0, 300);
  const stats = reply.locator('.stats');
  const engine = (await stats.count()) ? parseStats((await stats.textContent()) ?? '') : undefined;
  if (engine) outcome.engine = engine;
  return outcome;
}

/** Start a new conversation (the old one stays saved) and wait until the message list is empty. */
export async function newConversation(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^New (conversation|chat)$/ }).first().click();
  await page.locator('article.message').first().waitFor({ state: 'detached', timeout: 10_000 });
}
