/**
 * The CPU LLM path: the app's LLM worker (wllama engine) on the twins of the catalog's CPU default,
 * LFM2-700M (its Q4_K_M file, and the Q8_0 build), with 1 and 2 threads: load (cold: download into
 * OPFS; warm: the stored file), time to first token for a ~500-token prompt, decode speed. Ceilings:
 * memory bandwidth ÷ weight bytes per token, and WASM SIMD GFLOP/s ÷ 2 × parameters; floor: reading
 * speed, 5 tokens/s, for the default file on 2 threads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LFM2_700M, type Lfm2Quant } from '../../scripts/models/lfm2-spec';
import type { Catalog, WllamaModel } from '../../src/lib/catalog/types';
import { benchText, speechPath } from '../data/text';
import { figure, type Figure } from '../figure';
import { lfm2FlopsPerToken, lfm2WeightBytesPerToken } from '../model-costs';
import type { KvCacheChoice } from '../../workers/engines/kv-cache';
import type { AnswerTiming, LlmPageApi } from '../pages/llm';
import { median } from '../stats';
import type { Suite, SuiteContext } from '../suite';
import { LFM2_DIR, requireMirrorFiles } from './models';

const NAME = 'llm';
const PROMPT_TOKENS = 500;
/** About reading speed: slower than this, the answer trails the reader. */
const FLOOR_TPS = 5;
const DEFAULT_QUANT: Lfm2Quant = 'Q4_K_M';
const FILES = LFM2_700M.files;

interface Config {
  quant: Lfm2Quant;
  threads: number;
  /** The app's choice (q8_0 where the heads allow it) or llama.cpp's default f16 cache, the baseline. */
  kv: KvCacheChoice;
  cold: number;
  warm: number[];
  answers: AnswerTiming[];
}

/** The catalog's CPU default (the LFM2-700M Q4_K_M record), and a Q8_0 sibling pointing at the other twin file. */
function modelRecord(root: string, quant: Lfm2Quant): WllamaModel {
  const catalog = JSON.parse(readFileSync(join(root, 'models.json'), 'utf8')) as Catalog;
  const record = catalog.models.find((m): m is WllamaModel => m.id === catalog.defaults.llmWasm && m.engine === 'wllama');
  if (!record || record.repo !== LFM2_700M.repo || record.file !== FILES[DEFAULT_QUANT]) {
    throw new Error(`models.json's CPU default is not ${LFM2_700M.repo}/${FILES[DEFAULT_QUANT]}: make its twin (scripts/models) and point this suite at it`);
  }
  return quant === DEFAULT_QUANT ? record : { ...record, id: record.id.replace(DEFAULT_QUANT, quant), quantization: quant, file: FILES[quant] };
}

/** Plain prose to fill prompts with: the demo speech, else generated sentences. */
export function promptWords(ctx: SuiteContext): string[] {
  const speech = speechPath(ctx.sharedDir);
  const text = speech ? readFileSync(speech, 'utf8') : benchText(ctx.sharedDir).sentences.slice(0, 400).join(' ');
  return text.split(/\s+/).filter(Boolean);
}

const threadsLabel = (t: number) => `${t} thread${t > 1 ? 's' : ''}`;

export const llmSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'app LLM worker (wllama) on the LFM2-700M GGUF twins (the CPU default): load cold/warm, TTFT (500-token prompt), decode tokens/s vs ceilings',
  async run(ctx) {
    requireMirrorFiles(ctx.root, LFM2_DIR, Object.values(FILES), 'The LFM2-700M GGUF twins');
    const quants: Lfm2Quant[] = ctx.quick ? [DEFAULT_QUANT] : [DEFAULT_QUANT, 'Q8_0'];
    const threadsList = ctx.quick ? [2] : [1, 2];
    const plan = ctx.quick ? { reps: 1, maxTokens: 8, warmLoads: 1 } : { reps: 2, maxTokens: 32, warmLoads: 2 };
    const words = promptWords(ctx);
    const peaks = await ctx.peaks();
    const env = await ctx.browser();
    // Prompt length in words for ~500 tokens; measured on the first page (the twins share a tokenizer).
    let promptWordCount = ctx.quick ? 20 : 0;
    const question = (i: number, n: number) => `(${i}) ${words.slice((i * 37) % 200, ((i * 37) % 200) + n).join(' ')}`;
    const configs: Config[] = [];

    // Every quantization × thread count with the app's KV cache, and the default on 2 threads once more with
    // llama.cpp's default f16 cache: the same-run baseline for the cache choice (engines/kv-cache.ts).
    const runs: Pick<Config, 'quant' | 'threads' | 'kv'>[] = quants.flatMap((quant) => threadsList.map((threads) => ({ quant, threads, kv: 'auto' as const })));
    if (!ctx.quick) runs.push({ quant: DEFAULT_QUANT, threads: 2, kv: 'f16' });
    for (const { quant, threads, kv } of runs) {
      const model = modelRecord(ctx.root, quant);
      const url = `${env.origin}/mirror/${LFM2_DIR}/${FILES[quant]}`;
      // A new context has an empty OPFS, so the first load downloads the file into it: "cold".
      const page = await env.openPage<LlmPageApi>('llm');
      try {
        const cold = await page.call('load', model, url, threads, kv);
        const warm: number[] = [];
        // The f16-cache baseline is compared on answers only: its loads would measure nothing new.
        for (let i = 0; i < (kv === 'f16' ? 0 : plan.warmLoads); i++) warm.push(await page.call('load', model, url, threads, kv));
        // Warm-up answer, which also calibrates tokens per word: a short and a 20-word question.
        if (!promptWordCount) {
          const t0 = (await page.call('answer', question(0, 1), 4)).promptTokens;
          const t1 = (await page.call('answer', question(1, 21), 4)).promptTokens;
          promptWordCount = Math.max(1, Math.round(1 + ((PROMPT_TOKENS - t0) * 20) / Math.max(1, t1 - t0)));
          ctx.log(`  prompt: ${promptWordCount} words ≈ ${PROMPT_TOKENS} tokens (twin tokenizer: ${((t1 - t0) / 20).toFixed(2)} tokens/word)`);
        } else {
          await page.call('answer', question(1, 5), 4);
        }
        const answers: AnswerTiming[] = [];
        for (let r = 0; r < plan.reps; r++) answers.push(await page.call('answer', question(2 + r, promptWordCount), plan.maxTokens));
        configs.push({ quant, threads, kv, cold, warm, answers });
        const a = answers[answers.length - 1] as AnswerTiming;
        ctx.log(`  ${quant}, ${threadsLabel(threads)}${kv === 'f16' ? ', f16 KV cache' : ''}: load ${(cold / 1000).toFixed(1)} s cold${warm.length ? ` / ${(median(warm) / 1000).toFixed(1)} s warm` : ''}, TTFT ${(a.firstTokenMs / 1000).toFixed(1)} s for ${a.promptTokens} tokens, decode ${a.tokensPerSecond} tokens/s`);
      } finally {
        await page.call('unload').catch(() => undefined);
        await page.close();
      }
    }

    const figures: Figure[] = [];
    const flopsPerToken = lfm2FlopsPerToken(LFM2_700M.shape);
    const appConfigs = configs.filter((c) => c.kv === 'auto');
    const f16 = configs.find((c) => c.kv === 'f16');
    for (const c of appConfigs) {
      const label = `${c.quant}, ${threadsLabel(c.threads)}`;
      const tps = decodeRates(c);
      if (tps.length === 0) throw new Error(`No decode speed for ${label}: every answer stopped after one token`);
      const bytes = lfm2WeightBytesPerToken(LFM2_700M.shape, c.quant);
      figures.push(
        figure(NAME, {
          name: `decode tokens/s, ${label}`,
          unit: 'tokens/s',
          samples: tps,
          better: 'higher',
          baseline: { name: `memory bandwidth ÷ ${(bytes / 2 ** 20).toFixed(0)} MiB weights/token`, value: (peaks.gbPerSecond(c.threads) * 1e9) / bytes, kind: 'ceiling' },
        }),
        figure(NAME, {
          name: `decode GFLOP/s (2 × params per token), ${label}`,
          unit: 'GFLOP/s',
          samples: tps.map((t) => (t * flopsPerToken) / 1e9),
          better: 'higher',
          baseline: { name: `WASM SIMD peak, ${threadsLabel(c.threads)}`, value: peaks.gflops(c.threads), kind: 'ceiling' },
        }),
      );
      if (c.quant === DEFAULT_QUANT && c.threads === 2) {
        figures.push(figure(NAME, { name: `decode tokens/s, ${label} (floor)`, unit: 'tokens/s', samples: tps, better: 'higher', baseline: { name: 'floor', value: FLOOR_TPS, kind: 'target' } }));
        if (f16) figures.push(...cacheFigures(c, f16, label));
      }
      const one = appConfigs.find((o) => o.quant === c.quant && o.threads === 1);
      const promptTokens = median(c.answers.map((a) => a.promptTokens));
      figures.push(
        figure(NAME, {
          name: `time to first token, ${promptTokens}-token prompt, ${label}`,
          unit: 's',
          samples: c.answers.map((a) => a.firstTokenMs / 1000),
          better: 'lower',
          ...(c.threads > 1 && one ? { baseline: { name: '1 thread', value: median(one.answers.map((a) => a.firstTokenMs / 1000)), kind: 'measured' as const } } : {}),
          note: 'generate call on the page to the first token event on the page (the engine\'s prompt-length probe + prefill + first token + worker hops)',
        }),
      );
    }
    for (const quant of quants) {
      const cs = appConfigs.filter((c) => c.quant === quant);
      const cold = cs.map((c) => c.cold / 1000);
      figures.push(
        figure(NAME, { name: `load cold (download from local mirror into OPFS + load), ${quant}`, unit: 's', samples: cold, better: 'lower' }),
        figure(NAME, {
          name: `load warm (from the file stored in OPFS), ${quant}`,
          unit: 's',
          samples: cs.flatMap((c) => c.warm.map((w) => w / 1000)),
          better: 'lower',
          baseline: { name: 'cold', value: median(cold), kind: 'measured' },
        }),
        figure(NAME, { name: `weights read per decoded token, ${quant}`, unit: 'MiB', samples: [lfm2WeightBytesPerToken(LFM2_700M.shape, quant) / 2 ** 20], better: 'lower' }),
      );
    }
    figures.push(figure(NAME, { name: 'LFM2-700M FLOPs per decoded token (2 × matmul params)', unit: 'MFLOP', samples: [flopsPerToken / 1e6], better: 'lower' }));
    return {
      figures,
      notes: [
        `KV cache: q8_0 with flash attention (the app's choice for 32-multiple head widths), against llama.cpp's default f16 cache in the same run (${DEFAULT_QUANT}, 2 threads); LFM2 keeps a KV cache in its 6 attention blocks only`,
        'path: the app\'s own LLM worker (workers/llm.worker.ts) through its client: download into OPFS, wllama engine, answers streamed to the page; wllama runs llama.cpp in its own nested worker',
        `prompts: ${promptWordCount} words of plain prose as one user message through the chat template; answers of ${plan.maxTokens} tokens at temperature 0.7; the twins have random weights, so the text is noise but the work per token is the real model's`,
      ],
    };
  },
};

/** Decode speeds of a configuration's answers (an answer that stopped after one token has none). */
function decodeRates(c: Config): number[] {
  return c.answers.map((a) => a.tokensPerSecond).filter((x) => x > 0);
}

/** The app's q8_0 KV cache against llama.cpp's default f16 cache: decode speed and time to first token. */
function cacheFigures(app: Config, f16: Config, label: string): Figure[] {
  const ttft = (c: Config) => c.answers.map((a) => a.firstTokenMs / 1000);
  const base = (value: number) => ({ name: 'f16 KV cache (llama.cpp default)', value, kind: 'measured' as const });
  return [
    figure(NAME, { name: `decode tokens/s, ${label}, q8_0 KV cache`, unit: 'tokens/s', samples: decodeRates(app), better: 'higher', baseline: base(median(decodeRates(f16))) }),
    figure(NAME, { name: `time to first token, ${label}, q8_0 KV cache`, unit: 's', samples: ttft(app), better: 'lower', baseline: base(median(ttft(f16))) }),
  ];
}
