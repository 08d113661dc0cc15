/**
 * The library worker's embedder, loaded when a file or a pack needs it and disposed after a while
 * with nothing to embed: documents come in bursts, and a second copy of the model (the retrieval
 * worker keeps one for questions) should not stay in memory between them. A request naming another
 * embedder (the person switched models) gets that one.
 */
import { appError } from '../../src/lib/errors';
import { Embedder } from '../retrieval/embedder';
import type { EmbedderChoice } from '../library.protocol';

/** How long the model stays loaded after the last file or pack that used it. */
const IDLE_MS = 2 * 60 * 1000;

export class IdleEmbedder {
  #loaded: { key: string; embedder: Promise<Embedder> } | null = null;
  #users = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #ready: Embedder | null = null;

  /** The embedder of the request being worked on; only valid inside `using`. */
  current(): Embedder {
    if (!this.#ready) throw appError('INTERNAL', { detail: 'library embedder used outside a request' });
    return this.#ready;
  }

  /** Runs `fn` with the chosen embedder loaded (calling `onLoading` first when it has to load). */
  async using<T>(choice: EmbedderChoice, fn: (embedder: Embedder) => Promise<T>, onLoading?: () => void): Promise<T> {
    this.#users++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      const embedder = await this.#load(choice, onLoading);
      this.#ready = embedder;
      return await fn(embedder);
    } finally {
      this.#users--;
      if (this.#users === 0) this.#timer = setTimeout(() => void this.#unload(), IDLE_MS);
    }
  }

  #load(choice: EmbedderChoice, onLoading?: () => void): Promise<Embedder> {
    const key = `${choice.modelBaseUrl}|${choice.embedder.id}|${choice.embedder.revision}`;
    if (this.#loaded?.key === key) return this.#loaded.embedder;
    void this.#unload();
    onLoading?.();
    const embedder = Embedder.load(choice.embedder, choice.modelBaseUrl, () => undefined);
    this.#loaded = { key, embedder };
    embedder.catch(() => {
      if (this.#loaded?.embedder === embedder) this.#loaded = null;
    });
    return embedder;
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
