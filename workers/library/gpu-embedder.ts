/**
 * The library worker's embedder for documents on the GPU: the model runs in a worker of its own
 * (gpu-embed.worker.ts), while its tokenizer is kept here, since chunking counts tokens
 * synchronously, passage by passage. Any failure of the GPU side (its session cannot be created, a
 * batch errs, the GPU is lost, its worker stops answering) is GPU_EMBEDDING_FAILED, which the
 * library worker answers by doing the work again on WASM (library/idle-embedder.ts).
 */
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { EmbedderModel } from '../../src/lib/catalog/types';
import { AppError, appError } from '../../src/lib/errors';
import { WorkerClient } from '../../src/lib/rpc/client';
import type { GpuEmbedProtocol } from '../gpu-embed.protocol';
import type { PassageEmbedder } from '../retrieval/ingest';
import { mapLoadError } from '../retrieval/load-errors';
import { configureModelHub } from '../retrieval/model-hub';
import { maxPassageTokens, passageTokens } from '../retrieval/tokens';

/**
 * A batch that takes longer than this on the GPU means it is wedged (a real GPU does a batch in
 * milliseconds; a software adapter, when forced, in seconds). Under the page's own deadline for a
 * file that reports no progress (60 s, src/lib/library/client.ts), so the GPU is left for WASM here
 * before the page restarts the whole library worker.
 */
const BATCH_DEADLINE_MS = 45_000;

function gpuFailure(error: unknown, what: string): AppError {
  const detail = `${what}: ${error instanceof AppError ? `${error.code} ${error.detail ?? error.message}` : String(error)}`;
  return appError('GPU_EMBEDDING_FAILED', { detail, cause: error });
}

export class GpuEmbedder implements PassageEmbedder {
  readonly model: EmbedderModel;
  readonly device = 'webgpu';
  readonly #tokenizer: PreTrainedTokenizer;
  readonly #client: WorkerClient<GpuEmbedProtocol>;

  private constructor(model: EmbedderModel, tokenizer: PreTrainedTokenizer, client: WorkerClient<GpuEmbedProtocol>) {
    this.model = model;
    this.#tokenizer = tokenizer;
    this.#client = client;
  }

  /**
   * Loads the tokenizer here and the model onto the GPU in a fresh worker.
   * @throws AppError MODEL_FILE_NOT_FOUND or MODEL_DOWNLOAD_FAILED (the tokenizer's files), or
   * GPU_EMBEDDING_FAILED (the GPU could not take the model).
   */
  static async load(model: EmbedderModel, modelBaseUrl: string): Promise<GpuEmbedder> {
    configureModelHub(modelBaseUrl);
    let tokenizer: PreTrainedTokenizer;
    try {
      tokenizer = await AutoTokenizer.from_pretrained(model.repo, { revision: model.revision });
    } catch (error) {
      throw mapLoadError(error, model, 'embedding model');
    }
    const client = new WorkerClient<GpuEmbedProtocol>(
      () => new Worker(new URL('../gpu-embed.worker.ts', import.meta.url), { type: 'module', name: 'gpu-embed' }),
      // Loading compiles the WASM runtime and every shader: pings may come late meanwhile.
      { deadlineMs: 30_000, progressDeadlineMs: { load: 5 * 60_000, embed: BATCH_DEADLINE_MS } },
    );
    try {
      await client.call('load', { embedder: model, modelBaseUrl });
    } catch (error) {
      client.terminate();
      // Whatever it was (a missing file would fail on WASM too, and say so there), WASM is next.
      throw gpuFailure(error, 'the GPU could not load the model');
    }
    return new GpuEmbedder(model, tokenizer, client);
  }

  countTokens(text: string): number {
    return passageTokens(this.#tokenizer, this.model, text);
  }

  get maxTokens(): number {
    return maxPassageTokens(this.#tokenizer, this.model);
  }

  /** @throws AppError GPU_EMBEDDING_FAILED */
  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    try {
      const { vectors } = await this.#client.call('embed', { texts });
      return vectors;
    } catch (error) {
      throw gpuFailure(error, 'a batch failed on the GPU');
    }
  }

  /** Ends the GPU worker, and with it the model's GPU memory. */
  async dispose(): Promise<void> {
    this.#client.terminate();
  }
}
