/**
 * The library worker's embedder, loaded when a file or a pack needs it and disposed after a while
 * with nothing to embed: documents come in bursts, and a second copy of the model (the retrieval
 * worker keeps one for questions) should not stay in memory between them. A request naming another
 * embedder (the person switched models) gets that one.
 *
 * Documents go to the GPU when the request says so (library.protocol.ts `device`). A GPU that fails
 * (its session cannot be created, or it errs mid-way) is not tried again in this worker: the model
 * is loaded on WASM and the work is done again there, from its start (see `withFallback`).
 */
import { AppError, appError } from '../../src/lib/errors';
import { Embedder } from '../retrieval/embedder';
import type { PassageEmbedder } from '../retrieval/ingest';
import type { EmbedderChoice } from '../library.protocol';
import { GpuEmbedder } from './gpu-embedder';

/** How long the model stays loaded after the last file or pack that used it. */
const IDLE_MS = 2 * 60 * 1000;

type Loaded = (Embedder | GpuEmbedder) & PassageEmbedder;

export interface EmbedderHooks {
  /** The model has to be loaded first. */
  onLoading?: () => void;
  /** The GPU failed (`reason`); the model is being loaded on WASM instead. */
  onFallback?: (reason: string) => void;
}

const modelKey = (c: EmbedderChoice) => `${c.modelBaseUrl}|${c.embedder.id}|${c.embedder.revision}|${c.embedder.dtype}`;
const isGpuFailure = (error: unknown): error is AppError => error instanceof AppError && error.code === 'GPU_EMBEDDING_FAILED';

export class IdleEmbedder {
  #loaded: { key: string; choice: EmbedderChoice; embedder: Promise<Loaded> } | null = null;
  #users = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #ready: Loaded | null = null;
  /** Models whose GPU session failed in this worker: WASM for them from now on. */
  readonly #gpuFailed = new Set<string>();

  /** The embedder of the request being worked on; only valid inside `using`. */
  current(): PassageEmbedder {
    if (!this.#ready) throw appError('INTERNAL', { detail: 'library embedder used outside a request' });
    return this.#ready;
  }

  /** Runs `fn` with the chosen embedder loaded (calling `onLoading` first when it has to load). */
  async using<T>(choice: EmbedderChoice, fn: (embedder: PassageEmbedder) => Promise<T>, hooks: EmbedderHooks = {}): Promise<T> {
    this.#users++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      const embedder = await this.#load(choice, hooks);
      this.#ready = embedder;
      return await fn(embedder);
    } finally {
      this.#users--;
      if (this.#users === 0) this.#timer = setTimeout(() => void this.#unload(), IDLE_MS);
    }
  }

  /**
   * Runs `work` with the current embedder (inside `using`). When it fails because the GPU did, the
   * model is loaded on WASM and `work` runs again from its start, so nothing the GPU made is kept
   * (`work` stores nothing until it has every vector).
   */
  async withFallback<T>(work: (embedder: PassageEmbedder) => Promise<T>, onFallback?: (reason: string) => void): Promise<T> {
    const embedder = this.current();
    try {
      return await work(embedder);
    } catch (error) {
      if (!isGpuFailure(error)) throw error;
      console.warn('Hearth: the GPU failed mid-way; embedding again on WASM.', error.detail);
      onFallback?.(error.detail ?? error.message);
      return await work(await this.#leaveGpu(embedder));
    }
  }

  #load(choice: EmbedderChoice, hooks: EmbedderHooks): Promise<Loaded> {
    const onGpu = choice.device === 'webgpu' && !this.#gpuFailed.has(modelKey(choice));
    const key = `${modelKey(choice)}|${onGpu ? 'webgpu' : 'wasm'}`;
    if (this.#loaded?.key === key) return this.#loaded.embedder;
    void this.#unload();
    hooks.onLoading?.();
    const embedder = onGpu ? this.#loadGpu(choice, hooks) : Embedder.load(choice.embedder, choice.modelBaseUrl, () => undefined);
    this.#track(key, choice, embedder);
    return embedder;
  }

  async #loadGpu(choice: EmbedderChoice, hooks: EmbedderHooks): Promise<Loaded> {
    try {
      return await GpuEmbedder.load(choice.embedder, choice.modelBaseUrl);
    } catch (error) {
      if (!isGpuFailure(error)) throw error;
      console.warn('Hearth: the GPU could not take the embedding model; using WASM.', error.detail);
      this.#gpuFailed.add(modelKey(choice));
      hooks.onFallback?.(error.detail ?? error.message);
      return Embedder.load(choice.embedder, choice.modelBaseUrl, () => undefined);
    }
  }

  /** Replaces a GPU embedder that failed with the same model on WASM (once, however many requests saw it fail). */
  async #leaveGpu(failed: PassageEmbedder): Promise<PassageEmbedder> {
    const loaded = this.#loaded;
    if (loaded && (await loaded.embedder) === failed && this.#loaded === loaded) {
      this.#gpuFailed.add(modelKey(loaded.choice));
      const { choice } = loaded;
      this.#track(`${modelKey(choice)}|wasm`, choice, Embedder.load(choice.embedder, choice.modelBaseUrl, () => undefined));
      await (failed as Loaded).dispose().catch(() => undefined);
    }
    const next = this.#loaded?.embedder;
    if (!next) throw appError('INTERNAL', { detail: 'library embedder unloaded while in use' });
    const wasm = await next;
    this.#ready = wasm;
    return wasm;
  }

  #track(key: string, choice: EmbedderChoice, embedder: Promise<Loaded>): void {
    this.#loaded = { key, choice, embedder };
    embedder.catch(() => {
      if (this.#loaded?.embedder === embedder) this.#loaded = null;
    });
  }

  async #unload(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = null;
    this.#ready = null;
    this.#timer = null;
    if (!loaded) return;
    try {
      await (await loaded.embedder).dispose();
    } catch {
      // A model that failed to load has nothing to free.
    }
  }
}
