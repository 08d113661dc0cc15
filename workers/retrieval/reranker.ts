/**
 * The reranker: a cross-encoder that reads the question and one passage together and scores how
 * well the passage answers it. Far more accurate than comparing two separate embeddings, and far
 * slower (one model run per pair), so it only reorders the few fused candidates, and only when
 * asked: 20 passages of 1,000 characters take ~2.8 s through a MiniLM-L6-shaped cross-encoder (fp32,
 * 2 WASM threads, headless Chromium on 2 cores). Loaded through transformers.js with the same `env`
 * as the embedder (model-hub.ts), on first use.
 */
import {
  AutoModelForSequenceClassification, AutoTokenizer,
  type PreTrainedModel, type PreTrainedTokenizer, type ProgressInfo, type Tensor,
} from '@huggingface/transformers';
import type { RerankerModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { LoadProgress } from '../retrieval.protocol';
import { mapLoadError } from './load-errors';
import { configureModelHub } from './model-hub';

/** Pairs per model run: bounded so a batch of long passages padded to 512 tokens stays small in memory. */
export const RERANK_BATCH = 8;

export interface RerankerLoadOptions {
  /** ONNX Runtime device: 'wasm' in the browser; Node (tests) has 'cpu'. */
  device: 'wasm' | 'cpu';
  onProgress?: (p: LoadProgress) => void;
}

export class Reranker {
  readonly model: RerankerModel;
  readonly #tokenizer: PreTrainedTokenizer;
  readonly #classifier: PreTrainedModel;
  readonly #batchSize: number;

  constructor(model: RerankerModel, tokenizer: PreTrainedTokenizer, classifier: PreTrainedModel, batchSize = RERANK_BATCH) {
    this.model = model;
    this.#tokenizer = tokenizer;
    this.#classifier = classifier;
    this.#batchSize = Math.max(1, batchSize);
  }

  /**
   * Loads the catalog's reranker from `modelBaseUrl` (Hugging Face layout) in the retrieval worker.
   * @throws AppError MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED or MODEL_LOAD_FAILED.
   */
  static load(model: RerankerModel, modelBaseUrl: string, onProgress?: (p: LoadProgress) => void): Promise<Reranker> {
    configureModelHub(modelBaseUrl);
    return Reranker.fromPretrained(model, { device: 'wasm', ...(onProgress ? { onProgress } : {}) });
  }

  /** Loads with transformers.js' `env` as the caller configured it. */
  static async fromPretrained(model: RerankerModel, options: RerankerLoadOptions): Promise<Reranker> {
    const progress_callback = (info: ProgressInfo) => {
      if (info.status === 'progress') {
        options.onProgress?.({ kind: 'progress', file: info.file, loadedBytes: info.loaded, totalBytes: info.total });
      }
    };
    // Both in parallel, but the model's error wins: for a repo missing at the model source, the
    // tokenizer fails first with a bare TypeError, the model with "could not locate file".
    const [tokenizer, classifier] = await Promise.allSettled([
      AutoTokenizer.from_pretrained(model.repo, { revision: model.revision, progress_callback }),
      AutoModelForSequenceClassification.from_pretrained(model.repo, {
        revision: model.revision,
        dtype: model.dtype as 'fp32',
        device: options.device,
        progress_callback,
      }),
    ]);
    if (classifier.status === 'rejected') throw mapLoadError(classifier.reason, model, 'reranking model');
    if (tokenizer.status === 'rejected') throw mapLoadError(tokenizer.reason, model, 'reranking model');
    return new Reranker(model, tokenizer.value, classifier.value);
  }

  /**
   * One relevance score per passage (higher is more relevant; raw logits, comparable within one
   * query). Passages longer than the model's context are truncated.
   * @throws AppError ABORTED when `signal` fires between batches, INTERNAL when inference fails.
   */
  async score(query: string, passages: string[], signal?: AbortSignal): Promise<number[]> {
    const scores: number[] = [];
    for (let i = 0; i < passages.length; i += this.#batchSize) {
      if (signal?.aborted) throw appError('ABORTED');
      const batch = passages.slice(i, i + this.#batchSize);
      let logits: Tensor;
      try {
        const inputs = this.#tokenizer(batch.map(() => query), { text_pair: batch, padding: true, truncation: true });
        ({ logits } = (await this.#classifier(inputs)) as { logits: Tensor });
      } catch (error) {
        throw appError('INTERNAL', { detail: `reranking with ${this.model.id} failed: ${String(error)}`, cause: error });
      }
      // With several labels (e.g. [irrelevant, relevant]) the last one is "relevant".
      const labels = logits.dims[1] ?? 1;
      const data = logits.data as Float32Array;
      for (let r = 0; r < batch.length; r++) scores.push(data[r * labels + labels - 1] as number);
    }
    return scores;
  }
}
