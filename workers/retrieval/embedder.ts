/**
 * The embedder: a transformers.js feature-extraction pipeline, shared by the browser and the `hearth`
 * Node command so both embed with the same code. Where model files come from and where ONNX Runtime
 * runs is a `ModelHub` injected into `load`: in the browser (the default) model-hub.ts (WASM, files
 * from `modelBaseUrl` in Hugging Face layout kept in Cache Storage, so after the first download
 * embedding works offline); in Node cli/model-hub-node.ts (onnxruntime-node, a URL or a folder).
 * Nothing here (nor in model-hub.ts) needs the browser or Vite to be imported, so Node can load it.
 */
import { pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { appError } from '../../src/lib/errors';
import type { LoadProgress } from '../retrieval.protocol';
import { mapLoadError } from './load-errors';
import { configureModelHub } from './model-hub';
import { maxPassageTokens, passageTokens } from './tokens';
import { browserLocks } from '../locks';

/** ONNX Runtime session options, as transformers.js takes them. */
export type SessionOptions = NonNullable<NonNullable<Parameters<typeof pipeline>[2]>['session_options']>;

/** What a hub set up for one load. */
export interface ModelHubSetup {
  /** ONNX Runtime device: 'wasm' or 'webgpu' in the browser, 'cpu' (onnxruntime-node) in Node. */
  device: 'wasm' | 'webgpu' | 'cpu';
  /** Threads ONNX Runtime runs the model on. */
  threads: number;
  /** Passed to every ONNX Runtime session; the browser passes none (its threads are set in `env`). */
  sessionOptions?: SessionOptions;
  /** What transformers.js loads: the model's repo id (the default), or the path of a local folder with its files. */
  modelId?: string;
}

/** Configures transformers.js' global `env` for a model source, just before a load. */
export type ModelHub = (modelBaseUrl: string, model: Pick<EmbedderModel, 'repo' | 'revision'>) => ModelHubSetup;

/** The browser's hub: model-hub.ts, ONNX Runtime WASM. */
export const browserModelHub: ModelHub = (modelBaseUrl) => ({ device: 'wasm', threads: configureModelHub(modelBaseUrl) });

/** The same files on ONNX Runtime's WebGPU backend; one WASM thread for the few nodes left on the CPU (shapes, position ids). */
export const webgpuModelHub: ModelHub = (modelBaseUrl) => ({ device: 'webgpu', threads: configureModelHub(modelBaseUrl, 1) });

export class Embedder {
  readonly model: EmbedderModel;
  readonly #pipe: FeatureExtractionPipeline;
  readonly threads: number;
  readonly device: ModelHubSetup['device'];

  private constructor(model: EmbedderModel, pipe: FeatureExtractionPipeline, threads: number, device: ModelHubSetup['device']) {
    this.model = model;
    this.#pipe = pipe;
    this.threads = threads;
    this.device = device;
  }

  /**
   * Loads the catalog's embedder from `modelBaseUrl` (Hugging Face layout), with `env` set up by `hub`.
   * @throws AppError MODEL_FILE_NOT_FOUND, MODEL_DOWNLOAD_FAILED or MODEL_LOAD_FAILED.
   */
  static async load(
    model: EmbedderModel,
    modelBaseUrl: string,
    onProgress: (p: LoadProgress) => void,
    hub: ModelHub = browserModelHub,
  ): Promise<Embedder> {
    const { device, threads, sessionOptions, modelId } = hub(modelBaseUrl, model);
    try {
      const load = () => pipeline('feature-extraction', modelId ?? model.repo, {
        revision: model.revision,
        dtype: model.dtype as 'fp32',
        device,
        ...(sessionOptions ? { session_options: sessionOptions } : {}),
        progress_callback: (info: ProgressInfo) => {
          if (info.status === 'progress') {
            onProgress({ kind: 'progress', file: info.file, loadedBytes: info.loaded, totalBytes: info.total });
          }
        },
      });
      // One window (or worker) at a time loads a given model, so a second one finds its files in
      // the cache rather than downloading them again alongside the first.
      const locks = browserLocks();
      const pipe = locks ? await locks.request(`hearth-embedder:${model.id}`, { mode: 'exclusive' }, load) : await load();
      return new Embedder(model, pipe, threads, device);
    } catch (error) {
      throw mapLoadError(error, model, 'embedding model');
    }
  }

  /**
   * Tokens the model sees for a passage (its prefix and special tokens included), counted with the
   * model's own tokenizer, so chunks can be sized to what it reads rather than guessed from characters.
   */
  countTokens(text: string): number {
    return passageTokens(this.#pipe.tokenizer, this.model, text);
  }

  /** The most tokens the model reads of one passage; the rest would be cut off silently. */
  get maxTokens(): number {
    return maxPassageTokens(this.#pipe.tokenizer, this.model);
  }

  /** Frees the model's ONNX Runtime session (and its memory); the embedder cannot be used after. */
  async dispose(): Promise<void> {
    await this.#pipe.dispose();
  }

  /**
   * Embeds texts (with the model's query or passage prefix); vectors are L2-normalized.
   * @throws AppError EMBEDDING_FAILED, also for output that is not all finite numbers (a GPU gone wrong).
   */
  async embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const prefix = kind === 'query' ? this.model.queryPrefix : this.model.passagePrefix;
    let data: Float32Array;
    let dims: number;
    try {
      const output = await this.#pipe(
        texts.map((t) => prefix + t),
        { pooling: this.model.pooling, normalize: this.model.normalize },
      );
      dims = output.dims[1] ?? this.model.dimensions;
      data = output.data as Float32Array;
    } catch (error) {
      throw appError('EMBEDDING_FAILED', { detail: String(error), cause: error });
    }
    if (!data.every(Number.isFinite)) throw appError('EMBEDDING_FAILED', { detail: `the ${this.device} backend returned numbers that are not finite` });
    return texts.map((_, i) => data.slice(i * dims, (i + 1) * dims));
  }
}
