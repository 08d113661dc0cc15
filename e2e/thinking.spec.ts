/**
 * A reasoning model on the CPU engine gets its thinking switched off inside llama.cpp: a tiny GGUF
 * made here carries Qwen3's real chat template (workers/engines/fixtures/chat-templates/qwen3.jinja)
 * and is run by the real wllama. Asked the same question twice, once as the catalog's Qwen3-family
 * record (Hearth sends chat_template_kwargs enable_thinking: false) and once as a record that says
 * it has no switch (nothing sent), the prompts llama.cpp rendered differ by exactly the empty
 * thinking block the template adds when the switch is off.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { VOLCANOES } from './fixtures/documents';
import { addFileAndWait, ask, expectLibraryReady, lastAnswer, openSettings, saveSettings, waitForAnswerDone } from './support/app';
import { ThrottledMirror } from './support/throttled-mirror';
import { QWEN3_SPECIALS, writeTinyChatGguf } from './support/tiny-chat-gguf';

const REPO = 'hearth-test/tiny-qwen3-chat-GGUF';
const FILE = 'tiny-qwen3-chat.gguf';
const QUESTION = 'What are shield volcanoes built from?';

const root = mkdtempSync(join(tmpdir(), 'hearth-thinking-'));
const mirror = new ThrottledMirror([root]);

test.beforeAll(async () => {
  const dir = join(root, REPO, 'resolve', 'main');
  mkdirSync(dir, { recursive: true });
  writeTinyChatGguf(join(dir, FILE), {
    name: 'Tiny chat model with the Qwen3 chat template (random weights)',
    chatTemplate: readFileSync('workers/engines/fixtures/chat-templates/qwen3.jinja', 'utf8'),
    specials: QWEN3_SPECIALS,
    bos: 0,
    eos: QWEN3_SPECIALS.indexOf('<|im_end|>'),
  });
  await mirror.start();
  const catalog = JSON.parse(readFileSync('e2e/fixtures/catalogs/test.json', 'utf8')) as { modelBaseUrl: string; defaults: Record<string, string>; models: Record<string, unknown>[] };
  const record = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
    id, name, kind: 'llm', engine: 'wllama', repo: REPO, revision: 'main', file: FILE, quantization: 'F32', downloadSizeMB: 0.5, memoryMB: 32,
    contextLength: 4096, requiredFeatures: [], license: 'apache-2.0', sourceUrl: 'https://huggingface.co/Qwen/Qwen3-0.6B', ...extra,
  });
  catalog.modelBaseUrl = mirror.url;
  catalog.models = [
    record('tiny-qwen3-chat', 'Tiny Qwen3-template chat (test)'),
    record('tiny-qwen3-chat-no-switch', 'Tiny Qwen3-template chat, no switch (test)', { thinking: 'none' }),
    ...catalog.models.filter((m) => m.kind !== 'llm'),
  ];
  catalog.defaults.llm = 'tiny-qwen3-chat';
  catalog.defaults.llmWasm = 'tiny-qwen3-chat';
  mirror.extra.set('/catalogs/thinking.json', JSON.stringify(catalog));
});

test.afterAll(async () => {
  await mirror.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Records the messages of every `generate` request the page sends and the prompt size of each result. */
const RECORD_GENERATE = `(() => {
  window.__generate = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.kind === 'request' && message.type === 'generate') {
      window.__generate.push({ requestId: message.requestId, messages: message.payload.messages });
      if (!this.__recording) {
        this.__recording = true;
        this.addEventListener('message', (event) => {
          const m = event.data;
          if (m && m.kind === 'result' && m.type === 'generate') {
            const request = window.__generate.find((r) => r.requestId === m.requestId);
            if (request) request.promptTokens = m.result.stats.promptTokens;
          }
        });
      }
    }
    return post.call(this, message, ...rest);
  };
})()`;

interface Generated {
  messages: { role: string; content: string }[];
  promptTokens?: number;
}

async function answerOnce(page: Page): Promise<Generated> {
  const before = ((await page.evaluate('window.__generate')) as Generated[]).length;
  await ask(page, QUESTION);
  await waitForAnswerDone(page);
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'done');
  const generated = (await page.evaluate('window.__generate')) as Generated[];
  expect(generated.length).toBe(before + 1);
  return generated.at(-1) as Generated;
}

test('Qwen3’s template gets enable_thinking: false from Hearth, and llama.cpp puts the empty block in the prompt', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(RECORD_GENERATE);
  await page.goto('/');
  await openSettings(page, { advanced: true });
  await page.getByLabel('Catalog URL').fill(`${mirror.url}catalogs/thinking.json`);
  await page.getByLabel('Model source').fill('');
  await page.getByLabel('Longest answer (tokens)').fill('16');
  await saveSettings(page);
  await expectLibraryReady(page);
  await addFileAndWait(page, 'volcanoes.txt', VOLCANOES);

  const switched = await answerOnce(page);

  await page.getByRole('button', { name: 'Settings' }).click();
  const select = page.getByLabel('Language model');
  await select.selectOption((await select.locator('option', { hasText: 'no switch' }).getAttribute('value')) ?? '');
  await saveSettings(page);
  await expectLibraryReady(page);
  await page.getByRole('button', { name: 'New chat' }).click();
  const unswitched = await answerOnce(page);

  // The same messages went to the worker both times: only the engine's template variables differ.
  expect(unswitched.messages).toEqual(switched.messages);
  expect(switched.promptTokens).toBeGreaterThan(0);
  expect(unswitched.promptTokens).toBeGreaterThan(0);
  // "<think>\n\n</think>\n\n": two control tokens and four newlines (this vocabulary merges no
  // newlines, so each is one byte token).
  test.info().annotations.push({ type: 'prompt tokens', description: `${switched.promptTokens} with the switch, ${unswitched.promptTokens} without` });
  expect((switched.promptTokens ?? 0) - (unswitched.promptTokens ?? 0)).toBe(6);
});
