/**
 * Embeds with a model through transformers.js feature-extraction, timing each batch: the MiniLM twin
 * by default, on WASM or on WebGPU (one device per worker, as in the app: a failed WebGPU backend
 * would take the WASM one of the same ONNX Runtime with it).
 */
import { pipeline, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import { configureTransformers, MINILM_REPO, repeat, type RepeatPlan } from './transformers-env';
import { serveWorker } from './worker-rpc';

export type EmbedDtype = 'fp32' | 'q8';
export type EmbedDevice = 'wasm' | 'webgpu';
const pipes = new Map<string, FeatureExtractionPipeline>();
const keyOf = (dtype: EmbedDtype, repo: string) => `${repo}|${dtype}`;
let device: EmbedDevice = 'wasm';

function pipeFor(dtype: EmbedDtype, repo: string): FeatureExtractionPipeline {
  const pipe = pipes.get(keyOf(dtype, repo));
  if (!pipe) throw new Error(`${repo} ${dtype} model not loaded`);
  return pipe;
}

const api = {
  /** `on`: the device every model of this worker runs on. */
  configure: (origin: string, threads: number, on: EmbedDevice = 'wasm') => {
    device = on;
    configureTransformers(origin, threads);
  },

  async load(dtype: EmbedDtype, repo: string = MINILM_REPO): Promise<number> {
    const t0 = performance.now();
    pipes.set(keyOf(dtype, repo), await pipeline('feature-extraction', repo, { dtype, device }));
    return performance.now() - t0;
  },

  /** Real (unpadded) and executed (padded) token counts of one batch, as the pipeline tokenizes it. */
  tokenCounts(dtype: EmbedDtype, texts: string[], repo: string = MINILM_REPO): { real: number; padded: number; seqLen: number } {
    const enc = pipeFor(dtype, repo).tokenizer(texts, { padding: true, truncation: true }) as { attention_mask: Tensor };
    const mask = enc.attention_mask;
    let real = 0;
    for (const v of mask.data as BigInt64Array) real += Number(v);
    const [batch = 0, seqLen = 0] = mask.dims;
    return { real, padded: batch * seqLen, seqLen };
  },

  async time(dtype: EmbedDtype, texts: string[], plan: RepeatPlan, repo: string = MINILM_REPO): Promise<number[]> {
    const pipe = pipeFor(dtype, repo);
    return repeat(plan, async () => {
      const out = await pipe(texts, { pooling: 'mean', normalize: true });
      if (out.dims[0] !== texts.length) throw new Error(`Unexpected output shape ${out.dims.join('×')}`);
    });
  },

  /** Unit vectors of `texts`, one array per text. */
  async vectors(dtype: EmbedDtype, texts: string[], repo: string = MINILM_REPO): Promise<number[][]> {
    return (await pipeFor(dtype, repo)(texts, { pooling: 'mean', normalize: true })).tolist() as number[][];
  },

  /** What WebGPU adapter this worker gets (null without one). */
  async adapter(): Promise<{ isFallbackAdapter: boolean; vendor: string; architecture: string } | null> {
    const adapter = await navigator.gpu?.requestAdapter();
    if (!adapter) return null;
    return { isFallbackAdapter: adapter.info.isFallbackAdapter === true, vendor: adapter.info.vendor, architecture: adapter.info.architecture };
  },
};
export type EmbeddingWorkerApi = typeof api;

serveWorker(api);
