/**
 * The library worker's embedders, each loaded when a file, a pack or a switch of embedder needs it
 * and disposed after a while with nothing to embed: documents come in bursts, and a second copy of
 * the model (the retrieval worker keeps one for questions) should not stay in memory between them.
 * Two can be loaded at once: while the library is embedded again with a new model, files added
 * meanwhile are still embedded with the model search uses until the switch is complete.
 *
 * Documents go to the GPU when the request says so (library.protocol.ts `device`). A GPU that fails
 * (its session cannot be created, or it errs mid-way) is not tried again in this worker: the model
 * is loaded on WASM and the work is done again there, from its start (`WithEmbedder`).
 */
import { AppError } from '../../src/lib/errors';
import { Embedder } from '../retrieval/embedder';
import type { PassageEmbedder } from '../retrieval/ingest';
import type { EmbedderChoice } from '../library.protocol';
import type { LoadProgress } from '../retrieval.protocol';
import { GpuEmbedder } from './gpu-embedder';

/** How long a model stays loaded after the last file or pack that used it. */
const IDLE_MS = 2 * 60 * 1000;

type Model = (Embedder | GpuEmbedder) & PassageEmbedder;

interface Loaded {
  embedder: Promise<Model>;
  users: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Runs `work` with the request's embedder. If the GPU under it fails, the model is loaded on WASM
 * and `work` runs again from its start, so nothing the GPU made is kept (`work` stores nothing
 * until it has every vector, or stages each batch it finishes).
 */
export type WithEmbedder = <T>(work: (embedder: PassageEmbedder) => Promise<T>) => Promise<T>;

export interface EmbedderHooks {
  /** The model has to be loaded: called with null first, then with the download's progress. */
  onLoading?: (progress: LoadProgress | null) => void;
  /** The GPU failed (`reason`): the model is loaded on WASM instead, and the work starts over there. */
  onFallback?: (reason: string) => void;
}

const modelKey = (c: EmbedderChoice) => `${c.modelBaseUrl}|${c.embedder.id}|${c.embedder.revision}|${c.embedder.dtype}`;
const isGpuFailure = (error: unknown): error is AppError => error instanceof AppError && error.code === 'GPU_EMBEDDING_FAILED';

export class IdleEmbedder {
  readonly #loaded = new Map<string, Loaded>();
  /** Models whose GPU failed in this worker: WASM for them from now on. */
  readonly #gpuFailed = new Set<string>();

  /** Runs `fn` with the chosen embedder loaded (see `WithEmbedder` and `EmbedderHooks`). */
  async using<T>(choice: EmbedderChoice, fn: (withEmbedder: WithEmbedder) => Promise<T>, hooks: EmbedderHooks = {}): Promise<T> {
    const held: Loaded[] = [];
    const hold = (entry: Loaded) => {
      entry.users++;
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      held.push(entry);
      return entry;
    };
    let entry = hold(this.#entry(choice, hooks));
    const withEmbedder: WithEmbedder = async (work) => {
      const embedder = await entry.embedder;
      try {
        return await work(embedder);
      } catch (error) {
        if (!isGpuFailure(error) || embedder.device !== 'webgpu') throw error;
        console.warn('Hearth: the GPU failed mid-way; embedding again on WASM.', error.detail);
        hooks.onFallback?.(error.detail ?? error.message);
        this.#gpuFailed.add(modelKey(choice));
        void this.#unload(entry);
        entry = hold(this.#entry(choice, hooks));
        return await work(await entry.embedder);
      }
    };
    try {
      return await fn(withEmbedder);
    } finally {
      for (const e of held) {
        e.users--;
        if (e.users === 0 && [...this.#loaded.values()].includes(e)) e.timer = setTimeout(() => void this.#unload(e), IDLE_MS);
      }
    }
  }

  #entry(choice: EmbedderChoice, hooks: EmbedderHooks): Loaded {
    const onGpu = choice.device === 'webgpu' && !this.#gpuFailed.has(modelKey(choice));
    const key = `${modelKey(choice)}|${onGpu ? 'webgpu' : 'wasm'}`;
    const known = this.#loaded.get(key);
    if (known) return known;
    hooks.onLoading?.(null);
    const onWasm = () => Embedder.load(choice.embedder, choice.modelBaseUrl, (p) => hooks.onLoading?.(p));
    const entry: Loaded = { embedder: onGpu ? this.#loadGpu(choice, key, hooks, onWasm) : onWasm(), users: 0, timer: null };
    this.#loaded.set(key, entry);
    entry.embedder.catch(() => {
      for (const [k, e] of this.#loaded) if (e === entry) this.#loaded.delete(k);
    });
    return entry;
  }

  /** The model on the GPU; if the GPU cannot take it, on WASM (and the entry is filed as WASM's). */
  async #loadGpu(choice: EmbedderChoice, key: string, hooks: EmbedderHooks, onWasm: () => Promise<Model>): Promise<Model> {
    try {
      return await GpuEmbedder.load(choice.embedder, choice.modelBaseUrl);
    } catch (error) {
      if (!isGpuFailure(error)) throw error;
      console.warn('Hearth: the GPU could not take the embedding model; using WASM.', error.detail);
      this.#gpuFailed.add(modelKey(choice));
      hooks.onFallback?.(error.detail ?? error.message);
      const entry = this.#loaded.get(key);
      const wasmKey = `${modelKey(choice)}|wasm`;
      if (entry && !this.#loaded.has(wasmKey)) {
        this.#loaded.delete(key);
        this.#loaded.set(wasmKey, entry);
      }
      return onWasm();
    }
  }

  async #unload(entry: Loaded): Promise<void> {
    for (const [key, e] of this.#loaded) if (e === entry) this.#loaded.delete(key);
    try {
      await (await entry.embedder).dispose();
    } catch {
      // A model that failed to load has nothing to free.
    }
  }
}
