/**
 * The library worker's embedders, each loaded when a file, a pack or a switch of embedder needs it
 * and disposed after a while with nothing to embed: documents come in bursts, and a second copy of
 * the model (the retrieval worker keeps one for questions) should not stay in memory between them.
 * Two can be loaded at once: while the library is embedded again with a new model, files added
 * meanwhile are still embedded with the model search uses until the switch is complete.
 */
import { Embedder } from '../retrieval/embedder';
import type { EmbedderChoice } from '../library.protocol';
import type { LoadProgress } from '../retrieval.protocol';

/** How long a model stays loaded after the last file or pack that used it. */
const IDLE_MS = 2 * 60 * 1000;

interface Loaded {
  embedder: Promise<Embedder>;
  users: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class IdleEmbedder {
  readonly #loaded = new Map<string, Loaded>();

  /**
   * Runs `fn` with the chosen embedder loaded. When it has to load, `onLoading` is called first
   * (with null), then with the download's progress (a model not yet in the browser's cache).
   */
  async using<T>(choice: EmbedderChoice, fn: (embedder: Embedder) => Promise<T>, onLoading?: (progress: LoadProgress | null) => void): Promise<T> {
    const entry = this.#entry(choice, onLoading);
    entry.users++;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    try {
      return await fn(await entry.embedder);
    } finally {
      entry.users--;
      if (entry.users === 0) entry.timer = setTimeout(() => void this.#unload(entry), IDLE_MS);
    }
  }

  #entry(choice: EmbedderChoice, onLoading?: (progress: LoadProgress | null) => void): Loaded {
    const key = `${choice.modelBaseUrl}|${choice.embedder.id}|${choice.embedder.revision}`;
    const known = this.#loaded.get(key);
    if (known) return known;
    onLoading?.(null);
    const entry: Loaded = { embedder: Embedder.load(choice.embedder, choice.modelBaseUrl, (p) => onLoading?.(p)), users: 0, timer: null };
    this.#loaded.set(key, entry);
    entry.embedder.catch(() => {
      if (this.#loaded.get(key) === entry) this.#loaded.delete(key);
    });
    return entry;
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
