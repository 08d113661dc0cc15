/**
 * The two CPU engines side by side in one run, through the app's own LLM worker: wllama (llama.cpp
 * in WASM, GGUF) and transformers.js (ONNX Runtime Web, ONNX), on the same model shapes — LFM2-700M
 * (the catalog's CPU default for phone-class devices), Qwen2.5-0.5B-Instruct and
 * SmolLM2-135M-Instruct, random-weight twins of the published files. Per engine and file: prompt
 * reading at ~500 and ~1,000 tokens against the compute bound, time to the first token (target ≤ 15
 * s at 1,000 tokens for the CPU default's shape and the 0.5B one), decode against the
 * memory-bandwidth bound (target ≥ 25 %), and the page's peak resident memory.
 * `HEARTH_CPU_ENGINES=LFM2-700M` (a comma list of shapes) measures only those shapes.
 */
import { statSync } from 'node:fs';
import { QWEN25_ONNX, SMOLLM2_ONNX, decoderMatmulParams, type DecoderShape } from '../../scripts/models/decoder-specs';
import { LFM2_700M_ONNX, LFM2_ONNX_FILES } from '../../scripts/models/lfm2-onnx-twins';
import { LFM2_700M } from '../../scripts/models/lfm2-spec';
import { QWEN25_GGUF } from '../../scripts/models/qwen2-gguf';
import type { LlmModel } from '../../src/lib/catalog/types';
import { rendererPeakRssBytes } from '../browser/renderer-memory';
import { figure, type Figure } from '../figure';
import { decoderWeightBytesPerToken, lfm2MatmulParams, lfm2OnnxQ4WeightBytesPerToken, lfm2WeightBytesPerToken, type DecoderFormat } from '../model-costs';
import type { AnswerTiming, LlmPageApi } from '../pages/llm';
import { median } from '../stats';
import type { Suite, SuiteContext } from '../suite';
import { promptWords } from './llm';
import { mirrorPath, requireMirrorFiles, SMOLLM2_FILES } from './models';

const NAME = 'cpu-engines';
const THREADS = 2;
const PROMPTS = [500, 1000] as const;
const TTFT_TARGET_S = 15;
const DECODE_SHARE_TARGET = 0.25;

type ShapeName = 'LFM2-700M' | 'Qwen2.5-0.5B' | 'SmolLM2-135M';
type Format = DecoderFormat | 'gguf-Q4_K_M';

interface Run {
  shape: ShapeName;
  engine: 'wllama' | 'transformers';
  format: Format;
  model: LlmModel;
  /** The file's folder (ONNX) or the GGUF file, under the dev server's /mirror/. */
  path: string;
  files: { dir: string; names: string[] };
}

const base = () => ({ revision: 'main', requiredFeatures: [] as string[], license: 'apache-2.0', memoryMB: 100, hidden: true });

function onnxRun(shape: ShapeName, repo: string, dtype: 'q4' | 'q8', contextLength: number, sourceUrl: string, externalData = false): Run {
  const file = dtype === 'q4' ? 'onnx/model_q4.onnx' : 'onnx/model_quantized.onnx';
  return {
    shape, engine: 'transformers', format: `onnx-${dtype}`, path: `${repo}/resolve/main/`,
    files: { dir: `${repo}/resolve/main`, names: ['config.json', 'tokenizer.json', file, ...(externalData ? [`${file}_data`] : [])] },
    model: {
      ...base(), id: `${shape}-${dtype}-onnx`, name: `${shape} ${dtype} ONNX`, kind: 'llm', engine: 'transformers', repo, quantization: dtype, dtype,
      downloadSizeMB: 1, contextLength, sourceUrl, ...(externalData ? { externalData } : {}),
    },
  };
}

function ggufRun(shape: ShapeName, repo: string, file: string, quant: 'Q8_0' | 'Q4_0' | 'Q4_K_M', contextLength: number, sourceUrl: string): Run {
  return {
    shape, engine: 'wllama', format: `gguf-${quant}`, path: `${repo}/resolve/main/${file}`,
    files: { dir: `${repo}/resolve/main`, names: [file] },
    model: { ...base(), id: `${shape}-${quant}-gguf`, name: `${shape} ${quant} GGUF`, kind: 'llm', engine: 'wllama', repo, quantization: quant, file, downloadSizeMB: 1, contextLength, sourceUrl },
  };
}

const SMOL_URL = 'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct';
const QWEN_URL = 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct';
const LFM2_URL = 'https://huggingface.co/LiquidAI/LFM2-700M';

/** Per shape: parameters multiplied per token (the compute bound) and weight bytes read per decoded token (the bandwidth bound). */
interface Costs {
  matmulParams: number;
  weightBytes(format: Format): number;
}

function decoderCosts(s: DecoderShape): Costs {
  return { matmulParams: decoderMatmulParams(s), weightBytes: (f) => decoderWeightBytesPerToken(s, f as DecoderFormat) };
}

const COSTS: Record<ShapeName, Costs> = {
  'LFM2-700M': {
    matmulParams: lfm2MatmulParams(LFM2_700M.shape),
    weightBytes: (f) => (f === 'gguf-Q4_K_M' ? lfm2WeightBytesPerToken(LFM2_700M.shape, 'Q4_K_M') : lfm2OnnxQ4WeightBytesPerToken(LFM2_700M.shape)),
  },
  'Qwen2.5-0.5B': decoderCosts(QWEN25_ONNX.shape),
  'SmolLM2-135M': decoderCosts(SMOLLM2_ONNX.shape),
};
/** The shapes whose first token carries the ≤ 15 s target: the CPU default's, and the 0.5B the issue started from. */
const TARGET_SHAPES: readonly ShapeName[] = ['LFM2-700M', 'Qwen2.5-0.5B'];

function runs(quick: boolean): Run[] {
  const smolGguf = ggufRun('SmolLM2-135M', 'HuggingFaceTB/SmolLM2-135M-Instruct-GGUF', SMOLLM2_FILES.Q8_0, 'Q8_0', 8192, SMOL_URL);
  if (quick) return [smolGguf, onnxRun('SmolLM2-135M', SMOLLM2_ONNX.repo, 'q4', 8192, SMOL_URL)];
  // The CPU default's shape first: its figures carry the targets.
  const all = [
    onnxRun('LFM2-700M', LFM2_700M_ONNX.repo, 'q4', 32768, LFM2_URL, true),
    ggufRun('LFM2-700M', LFM2_700M.repo, LFM2_700M.files.Q4_K_M, 'Q4_K_M', 32768, LFM2_URL),
    onnxRun('Qwen2.5-0.5B', QWEN25_ONNX.repo, 'q4', 32768, QWEN_URL),
    onnxRun('Qwen2.5-0.5B', QWEN25_ONNX.repo, 'q8', 32768, QWEN_URL),
    ggufRun('Qwen2.5-0.5B', QWEN25_GGUF.repo, QWEN25_GGUF.files.Q4_0, 'Q4_0', 32768, QWEN_URL),
    ggufRun('Qwen2.5-0.5B', QWEN25_GGUF.repo, QWEN25_GGUF.files.Q8_0, 'Q8_0', 32768, QWEN_URL),
    smolGguf,
    onnxRun('SmolLM2-135M', SMOLLM2_ONNX.repo, 'q4', 8192, SMOL_URL),
    onnxRun('SmolLM2-135M', SMOLLM2_ONNX.repo, 'q8', 8192, SMOL_URL),
  ];
  const only = process.env.HEARTH_CPU_ENGINES?.split(',').map((v) => v.trim()).filter(Boolean);
  return only?.length ? all.filter((r) => only.includes(r.shape)) : all;
}

interface Measured {
  run: Run;
  loadMs: number;
  answers: Map<number, AnswerTiming>;
  peakBytes: number | null;
}

/** Words for ~`tokens` prompt tokens, from two calibration answers (the chat template's tokens included). */
async function calibrate(page: { call: (m: 'answer', q: string, n: number) => Promise<AnswerTiming> }, question: (n: number) => string) {
  const t0 = (await page.call('answer', question(1), 2)).promptTokens;
  const t1 = (await page.call('answer', question(41), 2)).promptTokens;
  const perWord = Math.max(0.1, (t1 - t0) / 40);
  return (tokens: number) => Math.max(1, Math.round(1 + (tokens - t0) / perWord));
}

async function measure(ctx: SuiteContext, run: Run, words: string[], answerTokens: number): Promise<Measured> {
  const env = await ctx.browser();
  const page = await env.openPage<LlmPageApi>('llm');
  const question = (n: number) => words.slice(0, n).join(' ');
  try {
    const loadMs = await page.call('load', run.model, `${env.origin}/mirror/${run.path}`, THREADS, 'auto');
    const wordsFor = await calibrate(page, question);
    const answers = new Map<number, AnswerTiming>();
    for (const tokens of PROMPTS) answers.set(tokens, await page.call('answer', question(wordsFor(tokens)), answerTokens));
    const peakBytes = await rendererPeakRssBytes(env.browser);
    const a = answers.get(1000)!;
    ctx.log(`  ${run.model.name}: load ${(loadMs / 1000).toFixed(1)} s, ${a.promptTokens}-token prompt → first token ${(a.firstTokenMs / 1000).toFixed(1)} s, decode ${a.tokensPerSecond} tokens/s, peak ${peakBytes ? (peakBytes / 2 ** 20).toFixed(0) : '?'} MiB`);
    return { run, loadMs, answers, peakBytes };
  } finally {
    await page.call('unload').catch(() => undefined);
    await page.close();
  }
}

export const cpuEnginesSuite: Suite = {
  name: NAME,
  runtime: 'browser',
  title: 'the two CPU engines (wllama GGUF vs transformers.js ONNX) on the LFM2-700M, Qwen2.5-0.5B and SmolLM2-135M twins, 2 threads: prompt reading, first token, decode, peak memory vs bounds',
  async run(ctx) {
    const all = runs(ctx.quick);
    for (const r of all) {
      requireMirrorFiles(ctx.root, r.files.dir, r.files.names, `${r.model.name} twin`, 'twins');
      // The downloader checks free space and progress against the record's size: give it the file's.
      r.model.downloadSizeMB = r.files.names.reduce((sum, f) => sum + statSync(mirrorPath(ctx.root, r.files.dir, f)).size, 0) / 2 ** 20;
    }
    const words = promptWords(ctx);
    const peaks = await ctx.peaks();
    const answerTokens = ctx.quick ? 8 : 32;
    const measured: Measured[] = [];
    const failed: string[] = [];
    // One file that cannot finish (a page call has 5 minutes) must not cost the others' figures.
    for (const run of all) {
      try {
        measured.push(await measure(ctx, run, [...words, ...words], answerTokens));
      } catch (error) {
        failed.push(`${run.model.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        ctx.log(`  ${run.model.name}: FAILED (${failed[failed.length - 1]})`);
      }
    }
    if (measured.length === 0) throw new Error(`nothing measured: ${failed.join('; ')}`);

    const figures: Figure[] = [];
    for (const m of measured) {
      const costs = COSTS[m.run.shape];
      const label = `${m.run.shape}, ${m.run.engine} ${m.run.format.replace(/^(onnx|gguf)-/, '')}, ${THREADS} threads`;
      const flopsPerToken = 2 * costs.matmulParams;
      const computeBound = (peaks.gflops(THREADS) * 1e9) / flopsPerToken;
      for (const [target, a] of m.answers) {
        figures.push(figure(NAME, {
          name: `prompt reading tokens/s, ~${target}-token prompt (${a.promptTokens}), ${label}`,
          unit: 'tokens/s',
          samples: [a.promptTokens / (a.firstTokenMs / 1000)],
          better: 'higher',
          baseline: { name: `compute bound, WASM SIMD peak ÷ ${(flopsPerToken / 1e9).toFixed(2)} GFLOP/token`, value: computeBound, kind: 'ceiling' },
        }));
      }
      const long = m.answers.get(1000)!;
      figures.push(figure(NAME, {
        name: `time to first token, ${long.promptTokens}-token prompt, ${label}`,
        unit: 's',
        samples: [long.firstTokenMs / 1000],
        better: 'lower',
        ...(TARGET_SHAPES.includes(m.run.shape) ? { baseline: { name: 'target', value: TTFT_TARGET_S, kind: 'target' as const } } : {}),
        note: 'generate call on the page → first text on the page (prompt reading included)',
      }));
      const bytes = costs.weightBytes(m.run.format);
      const decode = median([...m.answers.values()].map((a) => a.tokensPerSecond).filter((x) => x > 0));
      const bandwidthBound = (peaks.gbPerSecond(THREADS) * 1e9) / bytes;
      figures.push(figure(NAME, {
        name: `decode tokens/s (after a ~500–1,000-token prompt), ${label}`,
        unit: 'tokens/s',
        samples: [...m.answers.values()].map((a) => a.tokensPerSecond).filter((x) => x > 0),
        better: 'higher',
        baseline: { name: `bandwidth bound ÷ ${(bytes / 2 ** 20).toFixed(0)} MiB weights/token (target ${DECODE_SHARE_TARGET * 100}% of it: ${(bandwidthBound * DECODE_SHARE_TARGET).toFixed(0)})`, value: bandwidthBound, kind: 'ceiling' },
      }));
      if (decode === 0) ctx.log(`  ${label}: no decode speed (answers stopped after one token)`);
      if (m.peakBytes) figures.push(figure(NAME, { name: `peak resident memory of the page, ${label}`, unit: 'MiB', samples: [m.peakBytes / 2 ** 20], better: 'lower' }));
      figures.push(figure(NAME, { name: `load (download from the local mirror + start), ${label}`, unit: 's', samples: [m.loadMs / 1000], better: 'lower' }));
    }
    return {
      figures,
      notes: [
        ...(failed.length ? [`not measured: ${failed.join('; ')}`] : []),
        `path: the app's LLM worker through its client, ${THREADS} threads, one page per engine and file (fresh context: the first load downloads into OPFS or Cache Storage); prompts of plain prose as one user message through each model's chat template, answers of ${answerTokens} tokens at temperature 0.7`,
        'bounds: compute = WASM SIMD peak (peaks suite) ÷ 2 × matmul parameters per token (attention left out); bandwidth = WASM read bandwidth ÷ bytes of weights per decoded token (the ONNX q4 exports of Qwen2.5 and LFM2 multiply by the fp32 embedding table, as they share it with the output)',
        'peak memory: VmHWM of the page\'s renderer process (its workers and WASM memories included)',
        'engine table (src/lib/device/cpu-engine-table.ts): ' + JSON.stringify(measured.map((m) => ({ shape: m.run.shape, engine: m.run.engine, format: m.run.format, firstTokenMs: Math.round(m.answers.get(1000)!.firstTokenMs), decode: median([...m.answers.values()].map((a) => a.tokensPerSecond)) }))),
      ],
    };
  },
};
