/**
 * The embedder: a transformers.js feature-extraction pipeline on ONNX Runtime WASM, configured in
 * one place (`env`). Model files come from `modelBaseUrl` in Hugging Face layout and are kept in the
 * browser's Cache Storage, so after the first download embedding works offline.
 */
import { env, pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { appError, AppError } from '../../src/lib/errors';
import type { LoadProgress } from '../retrieval.protocol';
import { ortPaths } from './ort-paths';

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
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.useBrowserCache = true;
    env.remoteHost = modelBaseUrl.endsWith('/') ? modelBaseUrl : `${modelBaseUrl}/`;
    env.remotePathTemplate = '{model}/resolve/{revision}/';
    const wasm = env.backends.onnx.wasm;
    const threads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
    if (wasm) {
      wasm.wasmPaths = ortPaths();
      wasm.numThreads = threads;
    }
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
      throw mapLoadError(error, model);
    }
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

function mapLoadError(error: unknown, model: EmbedderModel): AppError {
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/could not locate file|404|not found/i.test(text)) {
    return appError('MODEL_FILE_NOT_FOUND', {
      message: `A file of the embedding model “${model.name}” could not be found. Check the model source in Settings.`,
      detail: text,
    });
  }
  if (/fetch|network/i.test(text)) return appError('MODEL_DOWNLOAD_FAILED', { detail: text });
  return appError('MODEL_LOAD_FAILED', { detail: text });
}
