/**
 * A follow-up question on the CPU engines: time to its first token when the prompt continues the
 * previous one (src/lib/chat/continuation.ts: the engine reuses the previous prompt and answer from
 * its caches — llama.cpp's prompt cache, onnx-prompt-cache.ts — and reads only the new passages and
 * question) against the same follow-up built afresh (llm-messages.ts: the earlier turn as a short
 * history, every passage read again), each right after the same first answer. wllama on the
 * SmolLM2-135M Q8_0 twin, transformers.js on the Qwen2.5-0.5B q8 ONNX twin (the model Hearth runs on
 * ONNX Runtime), random weights and real shapes, through the app's LLM worker, 2 threads, greedy;
 * passages of the app's size from the benchmark text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMOLLM2 } from '../../scripts/models/specs';
import { QWEN25_ONNX } from '../../scripts/models/decoder-specs';
import type { LlmModel } from '../../src/lib/catalog/types';
import { answerMessages } from '../../src/lib/chat/llm-messages';
import { promptBudget } from '../../src/lib/core/budget';
import { continuePrompt, sentPrompt } from '../../src/lib/chat/continuation';
import type { SourceRef } from '../../src/lib/storage/schema';
import { benchText } from '../data/text';
import { figure } from '../figure';
import type { LlmPageApi } from '../pages/llm';
import { median } from '../stats';
import type { Suite, SuiteContext } from '../suite';
import { requireMirrorFiles, SMOLLM2_DIR, SMOLLM2_FILES } from './models';

const NAME = 'follow-up';
/** The CPU engine's passage budget (src/lib/core/budget.ts) and the app's passage size. */
const PASSAGE_CHARS = 780;
const BUDGET_CHARS = 3000;
const ANSWER_TOKENS = 32;

function passages(sentences: readonly string[], count: number, from: number): SourceRef[] {
  const out: SourceRef[] = [];
  for (let i = from; out.length < count; i++) {
    let text = '';
    for (let j = i * 7; text.length < PASSAGE_CHARS; j++) text += `${sentences[j % sentences.length]} `;
    out.push({ n: out.length + 1, chunkId: `p${i}`, docId: `d${i % 3}`, docName: `report-${i % 3}.pdf`, text: text.trim(), start: 0, end: text.length });
  }
  return out;
}

const renumber = (found: SourceRef[]) => found.map((s, i) => ({ ...s, n: i + 1 }));
const title = (s: SourceRef) => s.docName;

interface Engine {
  label: string;
  /** Picks the catalog record measured. */
  pick(m: LlmModel): boolean;
  /** Under the dev server's /mirror/: the GGUF file, or the ONNX model folder. */
  path: string;
  dir: string;
  files: string[];
}

const ENGINES: Engine[] = [
  {
    label: 'wllama, SmolLM2-135M Q8_0', path: `${SMOLLM2_DIR}/${SMOLLM2_FILES.Q8_0}`, dir: SMOLLM2_DIR, files: [SMOLLM2_FILES.Q8_0],
    pick: (m) => m.engine === 'wllama' && m.repo === SMOLLM2.repo && m.file === SMOLLM2_FILES.Q8_0,
  },
  {
    label: 'transformers.js, Qwen2.5-0.5B q8', path: `${QWEN25_ONNX.repo}/resolve/main/`, dir: `${QWEN25_ONNX.repo}/resolve/main`, files: ['onnx/model_quantized.onnx'],
    pick: (m) => m.engine === 'transformers' && m.repo === QWEN25_ONNX.repo && m.dtype === 'q8',
  },
];

interface Read { ms: number; read: number; reused: number }

async function measure(ctx: SuiteContext, engine: Engine, model: LlmModel): Promise<{ continued: Read[]; afresh: Read[] }> {
  const sentences = benchText(ctx.sharedDir).sentences;
  const reps = ctx.quick ? 2 : 5;
  const env = await ctx.browser();
  const page = await env.openPage<LlmPageApi>('llm');
  const continued: Read[] = [];
  const afresh: Read[] = [];
  try {
    await page.call('load', model, `${env.origin}/mirror/${engine.path}`, 2);
    for (let r = 0; r < reps; r++) {
      const firstFound = passages(sentences, 4, r * 10);
      const q1 = `(${r}) What does the report say about the first topic?`;
      const first = answerMessages(q1, firstFound.map((s) => ({ n: s.n, title: title(s), text: s.text })), [], BUDGET_CHARS);
      const sources = firstFound.filter((s) => first.used.includes(s.n));
      // The follow-up finds two new passages and two the first prompt had.
      const secondFound = renumber([...passages(sentences, 2, r * 10 + 5), ...firstFound.slice(0, 2)]);
      const q2 = `(${r}) And what about the second one?`;
      let a1 = await page.call('answerMessages', first.messages, ANSWER_TOKENS);
      // The engine restarted after it to give memory back (the app then builds the follow-up afresh):
      // read the first prompt into the new engine, so the follow-up measures a continuation.
      if (a1.cacheCleared) {
        ctx.log(`  rep ${r + 1}: the engine restarted after the first answer; it is asked again`);
        a1 = await page.call('answerMessages', first.messages, ANSWER_TOKENS);
      }
      const base = sentPrompt(first.messages, q1, a1.text, model.id, sources);
      const next = continuePrompt(base, q2, secondFound, title, { maxPromptChars: promptBudget(Math.min(model.contextLength, 4096), ANSWER_TOKENS, 'wllama').maxPromptChars, maxNewChars: BUDGET_CHARS });
      if (!next) throw new Error('the follow-up did not fit the window: the suite needs smaller passages');
      const c = await page.call('answerMessages', next.messages, ANSWER_TOKENS);
      continued.push({ ms: c.firstTokenMs, read: c.promptTokens - c.reusedTokens, reused: c.reusedTokens });
      // The same first answer again (its prompt is a prefix of what the engine holds: cheap), then afresh.
      await page.call('answerMessages', first.messages, ANSWER_TOKENS);
      const fresh = answerMessages(q2, secondFound.map((s) => ({ n: s.n, title: title(s), text: s.text })), [{ question: q1, answer: a1.text }], BUDGET_CHARS);
      const f = await page.call('answerMessages', fresh.messages, ANSWER_TOKENS);
      afresh.push({ ms: f.firstTokenMs, read: f.promptTokens - f.reusedTokens, reused: f.reusedTokens });
      ctx.log(`  ${engine.label}, rep ${r + 1}: continued ${(c.firstTokenMs / 1000).toFixed(2)} s (read ${c.promptTokens - c.reusedTokens}, kept ${c.reusedTokens}); afresh ${(f.firstTokenMs / 1000).toFixed(2)} s (read ${f.promptTokens - f.reusedTokens}, kept ${f.reusedTokens})`);
    }
  } finally {
    await page.call('unload').catch(() => undefined);
    await page.close();
  }
  return { continued, afresh };
}

export const followUpSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'CPU engines: first token of a follow-up continued from the previous prompt vs built afresh (wllama SmolLM2-135M Q8_0, transformers.js Qwen2.5-0.5B q8; twins, 2 threads)',
  async run(ctx) {
    const catalog = JSON.parse(readFileSync(join(ctx.root, 'models.json'), 'utf8')) as { models: LlmModel[] };
    const figures = [];
    for (const engine of ENGINES) {
      requireMirrorFiles(ctx.root, engine.dir, engine.files, `the ${engine.label} twin`);
      const model = catalog.models.find(engine.pick);
      if (!model) throw new Error(`models.json has no record for ${engine.label}`);
      const { continued, afresh } = await measure(ctx, engine, model);
      figures.push(figure(NAME, {
        name: `time to first token, follow-up continued from the previous prompt, ${engine.label}`,
        unit: 's',
        samples: continued.map((c) => c.ms / 1000),
        better: 'lower',
        baseline: { name: 'the same follow-up built afresh', value: median(afresh.map((a) => a.ms / 1000)), kind: 'measured' },
        note: `prompt tokens read: ${median(continued.map((c) => c.read))} (kept from before: ${median(continued.map((c) => c.reused))}); afresh: ${median(afresh.map((a) => a.read))} read, ${median(afresh.map((a) => a.reused))} kept`,
      }));
    }
    return {
      figures,
      notes: [`${ctx.quick ? 2 : 5} follow-ups per engine, each after the same first answer (${ANSWER_TOKENS} tokens, greedy); passages of ~${PASSAGE_CHARS} characters, ${BUDGET_CHARS}-character budget`],
    };
  },
};
