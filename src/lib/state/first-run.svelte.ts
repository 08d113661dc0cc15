/**
 * The first visit: a screen in the conversation area (not a dialog, so the header and Settings stay
 * usable) that says what Hearth does and that nothing leaves the device, shows what the device check
 * found and the models it recommends with their download sizes, and lets the person start — the
 * language model downloads while documents can already be added and searched (answers quote passages
 * until the model is ready). It stays until dismissed, or until the first document or conversation is
 * stored. Every failure on the way is described by src/lib/failures/describe.ts: which part failed,
 * why, and what fixes it; Retry runs the failed step again in place, without a reload.
 */
import { untrack } from 'svelte';
import type { EmbedderModel, LlmModel } from '../catalog/types';
import { describeFailure, libraryPart, type Failure } from '../failures/describe';
import type { AppState } from './app.svelte';

const DONE_KEY = 'hearth.firstRun.done';

function readDone(): boolean {
  try {
    return globalThis.localStorage?.getItem(DONE_KEY) === '1';
  } catch {
    return false;
  }
}

export class FirstRunState {
  /** Dismissed, or something was stored: not shown again. */
  done = $state(readDone());
  online = $state(globalThis.navigator?.onLine ?? true);
  /** A Retry of the embedder is running. */
  retrying = $state(false);
  readonly #app: AppState;

  constructor(app: AppState) {
    this.#app = app;
    globalThis.addEventListener?.('online', () => (this.online = true));
    globalThis.addEventListener?.('offline', () => (this.online = false));
    $effect.root(() => {
      $effect(() => {
        const stored = !app.library.isEmpty || app.conversations.items.length > 0;
        if (stored) untrack(() => this.finish());
      });
    });
  }

  /** Shown in the conversation area on a first visit, until the person starts. */
  get visible(): boolean {
    const app = this.#app;
    return !this.done && app.phase === 'ready' && app.chat.messages.length === 0 && app.library.isEmpty && app.conversations.items.length === 0;
  }

  /**
   * What the first-run screen shows is known: the device check, the embedding model's plan and
   * whether storage is kept. It is drawn only then, so nothing on it moves as those arrive.
   */
  get settled(): boolean {
    const app = this.#app;
    return app.caps !== null && app.storage.persistence !== null && (app.library.embedders.plan !== null || app.library.status === 'error');
  }

  /** The embedding model the library loads (documents cannot be added without it). */
  get embedder(): EmbedderModel | null {
    return this.#app.library.embedders.plan?.active ?? null;
  }

  /** The language model Hearth picked for this device (or the person's choice), if it is a downloadable one. */
  get llm(): LlmModel | null {
    const model = this.#app.model.model;
    return model && model.engine !== 'prompt-api' ? model : null;
  }

  /** Why the library could not start (its embedding model, or the stored documents), or null. */
  get embedderFailure(): Failure | null {
    const { library } = this.#app;
    const error = library.loadError;
    if (library.status !== 'error' || !error) return null;
    const part = libraryPart(error.code);
    return describeFailure({ part, name: part === 'embedder' ? (this.embedder?.name ?? '') : '', code: error.code, detail: error.detail, online: this.online, source: this.#app.modelBaseUrl });
  }

  /** Why the language model did not load, or null (a cancel is no failure). */
  get llmFailure(): Failure | null {
    const { model } = this.#app;
    const error = model.error;
    if (model.status !== 'error' || !error || !model.model) return null;
    return describeFailure({ part: 'llm', name: model.model.name, code: error.code, detail: error.detail, online: this.online, source: this.#app.modelBaseUrl });
  }

  /** Why Hearth could not start because of its model catalog (unreachable, broken), or null. */
  get catalogFailure(): Failure | null {
    const { fatal, phase, settings } = this.#app;
    if (phase !== 'failed' || !fatal || !fatal.code.startsWith('CATALOG_')) return null;
    return describeFailure({ part: 'catalog', name: '', code: fatal.code, detail: fatal.detail, online: this.online, source: settings.catalogUrl ?? undefined });
  }

  /** Load the embedder again, in place: Add documents works once it has loaded. */
  async retryEmbedder(): Promise<void> {
    if (this.retrying) return;
    this.retrying = true;
    try {
      await this.#app.retryLibrary();
    } finally {
      this.retrying = false;
    }
  }

  /** Start (or retry) the language model's download; the badge and this screen show its progress. */
  startModel(): void {
    void this.#app.model.ensureLoaded().catch(() => {}); // the failure is shown from model.error
  }

  /** "Keep my library on this device": asks the browser to keep the storage (storage-health.svelte.ts). */
  keepLibrary(): Promise<void> {
    return this.#app.storage.keep();
  }

  finish(): void {
    if (this.done) return;
    this.done = true;
    try {
      localStorage.setItem(DONE_KEY, '1');
    } catch {
      // private mode without storage: it is hidden for this visit
    }
  }
}
