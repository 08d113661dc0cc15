/** Embeds with the MiniLM twin through transformers.js feature-extraction on WASM, timing each batch. */
import { pipeline, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import { configureTransformers, MINILM_REPO, repeat, type RepeatPlan } from './transformers-env';
import { serveWorker } from './worker-rpc';

export type EmbedDtype = 'fp32' | 'q8';
const pipes = new Map<EmbedDtype, FeatureExtractionPipeline>();

function pipeFor(dtype: EmbedDtype): FeatureExtractionPipeline {
  const pipe = pipes.get(dtype);
  if (!pipe) throw new Error(`${dtype} model not loaded`);
  return pipe;
}

const api = {
  configure: (origin: string, threads: number) => configureTransformers(origin, threads),

  async load(dtype: EmbedDtype): Promise<number> {
    const t0 = performance.now();
    pipes.set(dtype, await pipeline('feature-extraction', MINILM_REPO, { dtype, device: 'wasm' }));
    return performance.now() - t0;
  },

  /** Real (unpadded) and executed (padded) token counts of one batch, as the pipeline tokenizes it. */
  tokenCounts(dtype: EmbedDtype, texts: string[]): { real: number; padded: number; seqLen: number } {
    const enc = pipeFor(dtype).tokenizer(texts, { padding: true, truncation: true }) as { attention_mask: Tensor };
    const mask = enc.attention_mask;
    let real = 0;
    for (const v of mask.data as BigInt64Array) real += Number(v);
    const [batch = 0, seqLen = 0] = mask.dims;
    return { real, padded: batch * seqLen, seqLen };
  },

  async time(dtype: EmbedDtype, texts: string[], plan: RepeatPlan): Promise<number[]> {
    const pipe = pipeFor(dtype);
    return repeat(plan, async () => {
      const out = await pipe(texts, { pooling: 'mean', normalize: true });
      if (out.dims[0] !== texts.length || out.dims[1] !== 384) throw new Error(`Unexpected output shape ${out.dims.join('×')}`);
    });
  },
};
export type EmbeddingWorkerApi = typeof api;

serveWorker(api);
