/**
 * Through the real UI of the built app: a question asked while an 8 MB file is being added waits no
 * longer for its passages than with nothing else to do (target ≤ 1 s), and Stop takes effect within
 * 250 ms. The wait is measured as press "Quick answer" → the quoted passages on screen (retrieval,
 * no language model); Stop as press Stop → the answer marked stopped, for questions to the LLM
 * (stories260K on the WASM engine) asked during the same ingestion. Embedder: the MiniLM twin.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { serveBuiltApp } from '../browser/built-app';
import { benchText } from '../data/text';
import { figure } from '../figure';
import { median } from '../stats';
import type { Suite } from '../suite';
import { MINILM_DIR, MINILM_FILES, requireMirrorFiles } from './models';

const NAME = 'contention';
const LARGE_MB = 8;

/** Installs `window.__statusAt(index, pattern)`: resolves to performance.now() when message `index` gets a matching data-status. */
const STATUS_WATCH = `
  window.__statusAt = (index, pattern) => new Promise((resolve) => {
    const re = new RegExp(pattern);
    const check = () => {
      const el = document.querySelectorAll('article.message.assistant')[index];
      if (el && re.test(el.getAttribute('data-status') ?? '')) { observer.disconnect(); resolve(performance.now()); return true; }
      return false;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    check();
  });
`;

/** Text of about `megabytes` MB from the benchmark sentences, in paragraphs. */
function textOf(sentences: readonly string[], megabytes: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const paragraph = `${sentences.slice((i * 6) % sentences.length, ((i * 6) % sentences.length) + 6).join(' ')}\n\n`;
    out.push(paragraph);
    size += paragraph.length;
  }
  return out.join('');
}

async function ingesting(page: Page, name: string): Promise<boolean> {
  return (await page.locator('.ingest-queue li.queue-item', { hasText: name }).count()) > 0;
}

/**
 * Press a button for a new answer; resolves to ms from the press (or, with `stopAfterMs`, from
 * pressing Stop that long after) to the status matching `until`; null when the answer ended before
 * Stop could be pressed.
 */
async function timed(page: Page, question: string, button: 'Quick answer' | 'Ask', until: string, stopAfterMs?: number): Promise<number | null> {
  const index = await page.locator('article.message.assistant').count();
  await page.getByLabel('Question', { exact: true }).fill(question);
  const watch = page.evaluate(([i, p]) => (window as unknown as { __statusAt: (i: number, p: string) => Promise<number> }).__statusAt(i as number, p as string), [index, until] as const);
  let t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: button, exact: true }).click();
  if (stopAfterMs !== undefined) {
    await page.waitForTimeout(stopAfterMs);
    t0 = await page.evaluate(() => performance.now());
    const pressed = await page.getByRole('button', { name: 'Stop', exact: true }).click({ timeout: 1000 }).then(() => true, () => false);
    if (!pressed) {
      await watch;
      return null;
    }
  }
  return (await watch) - t0;
}

export const contentionSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: `built app UI: Quick answer wait and Stop while an ${LARGE_MB} MB file is added, against the same with nothing else running`,
  async run(ctx) {
    requireMirrorFiles(ctx.root, MINILM_DIR, MINILM_FILES, "The all-MiniLM-L6-v2 twin (the app's default embedder)");
    requireMirrorFiles(ctx.root, 'ggml-org/models/resolve/main', ['tinyllamas/stories260K.gguf'], 'stories260K', 'test');
    const { sentences, name: source, queries } = benchText(ctx.sharedDir);
    const questions = queries.slice(0, ctx.quick ? 4 : 20);
    // Stop is timed on questions the small library surely answers (its own sentences), so the
    // relevance gate never ends them at once with "not found" before Stop can be pressed.
    const stopQuestions = sentences.slice(0, 400).filter((_, i) => i % 20 === 0).map((s) => s.split(/\s+/).slice(0, 10).join(' '));
    const env = await ctx.browser();
    const app = await serveBuiltApp(ctx.root, 'all-MiniLM-L6-v2', 'stories260K-GGUF', ctx.log);
    const tmp = mkdtempSync(join(tmpdir(), 'hearth-bench-contention-'));
    const small = join(tmp, 'library.txt');
    const large = join(tmp, 'large.txt');
    writeFileSync(small, textOf(sentences.slice(0, 400), 0.05));
    writeFileSync(large, textOf(sentences, ctx.quick ? 1 : LARGE_MB));
    const idle: number[] = [];
    const busy: number[] = [];
    const stops: number[] = [];
    try {
      const context = await env.browser.newContext();
      await context.addInitScript(app.settingsScript);
      await context.addInitScript(STATUS_WATCH);
      const page = await context.newPage();
      await page.goto(app.appUrl);
      await page.getByRole('button', { name: 'Add documents' }).and(page.locator(':enabled')).waitFor({ timeout: 180_000 });
      await page.getByTestId('file-input').setInputFiles(small);
      await page.locator('li.document').first().waitFor({ timeout: 120_000 });
      // Warm-up: the first answer downloads and loads the LLM.
      await timed(page, 'What is this about?', 'Ask', 'done|error|stopped');
      for (const q of questions) idle.push((await timed(page, q, 'Quick answer', 'done|error')) ?? Number.NaN);

      await page.getByTestId('file-input').setInputFiles(large);
      await page.locator('.ingest-queue li.queue-item[data-stage="embedding"]').waitFor({ timeout: 300_000 });
      for (const [i, q] of questions.entries()) {
        if (!(await ingesting(page, 'large.txt'))) break;
        const ms = await timed(page, q, 'Quick answer', 'done|error');
        if (ms !== null && (await ingesting(page, 'large.txt'))) busy.push(ms);
        if (i % 2 === 0 && (await ingesting(page, 'large.txt'))) {
          const stop = await timed(page, stopQuestions[i % stopQuestions.length] ?? q, 'Ask', 'stopped|done|error', 150);
          if (stop !== null && (await ingesting(page, 'large.txt'))) stops.push(stop);
          else ctx.log('  an answer ended before Stop could be pressed (not counted)');
        }
      }
      if (busy.length === 0) throw new Error(`the ${LARGE_MB} MB file was added before any question could be timed during it`);
      await context.close();
    } finally {
      await app.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
    ctx.log(`  Quick answer wait: idle ${median(idle).toFixed(0)} ms, while adding ${median(busy).toFixed(0)} ms (max ${Math.max(...busy).toFixed(0)}); Stop ${stops.length ? median(stops).toFixed(0) : '–'} ms`);
    return {
      figures: [
        figure(NAME, {
          name: `press Quick answer → passages on screen, while an ${ctx.quick ? 1 : LARGE_MB} MB file is being added`,
          unit: 'ms',
          samples: busy,
          better: 'lower',
          baseline: { name: 'the same questions with nothing being added', value: median(idle), kind: 'measured' },
        }),
        figure(NAME, { name: 'slowest of those waits', unit: 'ms', samples: [Math.max(...busy)], better: 'lower', baseline: { name: 'target', value: 1000, kind: 'target' } }),
        ...(stops.length
          ? [figure(NAME, { name: 'press Stop (150 ms after Ask) → answer marked stopped, while the file is being added', unit: 'ms', samples: stops, better: 'lower', baseline: { name: 'target', value: 250, kind: 'target' } })]
          : []),
      ],
      notes: [`text from ${source}; one browser context; the library holds a 50 KB document when the large file is added; questions are the text source's queries`],
    };
  },
};
