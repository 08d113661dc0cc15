/**
 * The embedder: a transformers.js feature-extraction pipeline on ONNX Runtime WASM, configured in
 * one place (model-hub.ts). Model files come from `modelBaseUrl` in Hugging Face layout and are kept
 * in the browser's Cache Storage, so after the first download embedding works offline.
 */
import { pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { LoadProgress } from '../retrieval.protocol';
import { mapLoadError } from './load-errors';
import { configureModelHub } from './model-hub';

export class Embedder {
  readonly model: EmbedderModel;
  readonly #pipe: FeatureExtractionPipeline;
  readonly threads: number;

  private constructor(model: EmbedderModel, pipe: FeatureExtractionPipeline, threads: number) {
    this.model = model;
    this.#pipe = pipe;
    this.threads = threads;
  }

  static async load(
    model: EmbedderModel,
    modelBaseUrl: string,
    onProgress: (p: LoadProgress) => void,
  ): Promise<Embedder> {
    const threads = configureModelHub(modelBaseUrl);
    try {
      const pipe = await pipeline('feature-extraction', model.repo, {
        revision: model.revision,
        dtype: model.dtype as 'fp32',
        device: 'wasm',
        progress_callback: (info: ProgressInfo) => {
          if (info.status === 'progress') {
            onProgress({ kind: 'progress', file: info.file, loadedBytes: info.loaded, totalBytes: info.total });
          }
        },
      });
      return new Embedder(model, pipe, threads);
    } catch (error) {
      throw mapLoadError(error, model, 'embedding model');
    }
  }

  /**
   * Tokens the model sees for a passage (its prefix and special tokens included), counted with the
   * model's own tokenizer, so chunks can be sized to what it reads rather than guessed from characters.
   */
  countTokens(text: string): number {
    return this.#pipe.tokenizer.encode(this.model.passagePrefix + text).length;
  }

  /** The most tokens the model reads of one passage; the rest would be cut off silently. */
  get maxTokens(): number {
    const declared = Number(this.#pipe.tokenizer.model_max_length);
    const limits = [this.model.contextLength, Number.isFinite(declared) && declared > 0 ? declared : Infinity];
    return Math.min(...limits);
  }

  /** Embeds texts (with the model's query or passage prefix); vectors are L2-normalized. */
  async embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const prefix = kind === 'query' ? this.model.queryPrefix : this.model.passagePrefix;
    try {
      const output = await this.#pipe(
        texts.map((t) => prefix + t),
        { pooling: this.model.pooling, normalize: this.model.normalize },
      );
      const dims = output.dims[1] ?? this.model.dimensions;
      const data = output.data as Float32Array;
      return texts.map((_, i) => data.slice(i * dims, (i + 1) * dims));
    } catch (error) {
      throw appError('EMBEDDING_FAILED', { detail: String(error), cause: error });
    }
  }
}
