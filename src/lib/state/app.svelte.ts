/**
 * The root of the app's state: start-up (settings → catalog → device check → embedder), the
 * workers, and the feature states. Components get it through `useApp()`.
 */
import { getContext, setContext } from 'svelte';
import type { Catalog, RerankerModel } from '../catalog/types';
import { resolveCatalog } from '../config/catalog-source';
import { yieldToMain } from '../yield-to-main';
import { readEmbedDevice } from '../config/embed-device';
import { readSettings, writeSettings, type Settings } from '../config/settings';
import { mainOtherLanguage } from '../core/language';
import { detectCapabilities, type DeviceCapabilities } from '../device/capabilities';
import { planDocumentEmbedding } from '../device/embed-policy';
import { recommendEmbedder } from '../device/recommend-embedder';
import { shouldRerank } from '../device/rerank-policy';
import { AppError, appError } from '../errors';
import { createLibraryClient } from '../library/client';
import { createLlmClient } from '../llm/client';
import { createRetrievalClient } from '../retrieval/client';
import { routeAnswers } from '../llm/answers';
import { BackupState } from './backup.svelte';
import { BuiltInState } from './built-in.svelte';
import { ChatState } from './chat.svelte';
import { ConversationsState } from './conversations.svelte';
import { FirstRunState } from './first-run.svelte';
import { LibraryState } from './library.svelte';
import { ModelState } from './model.svelte';
import { PassageState } from './passage.svelte';
import { StorageHealthState } from './storage-health.svelte';

export class AppState {
  phase = $state<'starting' | 'ready' | 'failed'>('starting');
  fatal = $state<AppError | null>(null);
  settings = $state<Settings>(readSettings());
  catalog = $state.raw<Catalog | null>(null);
  caps = $state.raw<DeviceCapabilities | null>(null);
  settingsOpen = $state(false);
  readonly retrieval = createRetrievalClient();
  readonly llm = createLlmClient();
  readonly writer = createLibraryClient();
  readonly library = new LibraryState(this.retrieval, this.writer, {
    onRemoved: (docIds) => {
      for (const id of docIds) this.#documentRemoved(id);
    },
    onAdded: (docIds) => {
      for (const id of docIds) this.chat.documentAdded(id);
    },
  });
  /** The browser's own model (Prompt API), run on the page where the browser has one. */
  readonly builtIn = new BuiltInState();
  readonly model = new ModelState(this.llm, this.builtIn);
  readonly passage = new PassageState(this.retrieval);
  readonly chat = new ChatState({
    retrieval: this.retrieval,
    llm: routeAnswers(this.llm, this.builtIn.host, () => this.model.model?.engine === 'prompt-api'),
    library: this.library,
    model: this.model,
    sampling: () => ({ temperature: this.settings.temperature, topP: this.settings.topP, maxAnswerTokens: this.settings.maxAnswerTokens }),
    searchOptions: () => ({ k: this.settings.topK, rerank: this.caps ? shouldRerank(this.settings.rerank, this.caps) : false }),
    onSaved: (record) => this.conversations.saved(record),
  });
  readonly conversations = new ConversationsState(this.chat, { onSwitch: () => this.passage.close() });
  readonly backup: BackupState = new BackupState({
    client: this.retrieval,
    writer: this.writer,
    choice: () => this.library.embedderChoice,
    request: () => ({ settings: this.settings, models: this.#modelsInUse() }),
    onRestored: async (added) => {
      await this.library.changed({ added, removed: [] });
      await this.conversations.refresh();
    },
    applySettings: (settings) => this.saveSettings(settings),
    notReady: () => (this.library.status === 'ready' ? null : (this.library.loadError ?? appError('EMBEDDING_FAILED', { detail: 'the embedding model is not loaded yet' }))),
  });
  readonly storage = new StorageHealthState({
    changes: () => [this.library.documents, this.conversations.items],
    // The eviction notice goes only once a restore succeeded; a failed one leaves it, with the backup's error shown.
    restore: async (file) => {
      if (!(await this.backup.restore(file))) throw this.backup.error ?? appError('ABORTED');
    },
  });

  readonly firstRun: FirstRunState = new FirstRunState(this);

  get modelBaseUrl(): string {
    return this.settings.modelBaseUrl ?? this.catalog?.modelBaseUrl ?? '';
  }

  async start(): Promise<void> {
    this.phase = 'starting';
    this.fatal = null;
    void this.storage.start();
    try {
      // Start-up runs in short tasks (the first frame, the catalog, the choice, the library), so the
      // page answers input all along: one long task delays every tap until it ends.
      await yieldToMain();
      const [catalog, caps] = await Promise.all([resolveCatalog(this.settings.catalogUrl), detectCapabilities(), this.builtIn.detect()]);
      this.catalog = catalog;
      this.caps = caps;
      await yieldToMain();
      this.model.choose(catalog, caps, this.settings.llmId, this.modelBaseUrl);
      await yieldToMain();
      this.phase = 'ready';
    } catch (error) {
      this.fatal = error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
      this.phase = 'failed';
      return;
    }
    this.retrieval.onCrash = () => void this.#startLibrary();
    this.llm.onCrash = (error) => this.model.markCrashed(error);
    await yieldToMain();
    await Promise.all([this.chat.restore(), this.conversations.refresh(), this.#startLibrary()]);
  }

  /** Start the library again after its embedder failed to load (Retry, no reload). */
  retryLibrary(): Promise<void> {
    return this.library.status === 'error' ? this.#startLibrary() : Promise.resolve();
  }

  saveSettings(next: Settings): void {
    writeSettings(next);
    // Catalog and model sources change what every worker loaded: start over cleanly.
    location.reload();
  }

  /** Its stores no longer hold the document's text; what the page holds in memory lets go of it too. */
  #documentRemoved(docId: string): void {
    this.chat.documentRemoved(docId);
    this.conversations.documentRemoved(docId);
    this.passage.documentRemoved(docId);
  }

  /** The models a backup names: the ones in use. */
  #modelsInUse(): { embedder: string | null; llm: string | null; reranker: string | null } {
    const catalog = this.catalog;
    const reranker = catalog?.models.find((m): m is RerankerModel => m.kind === 'reranker');
    return { embedder: this.library.embedderChoice?.embedder.id ?? null, llm: this.model.model?.id ?? this.settings.llmId, reranker: reranker?.id ?? null };
  }

  #startLibrary(): Promise<void> {
    const catalog = this.catalog;
    const caps = this.caps;
    if (!catalog || !caps) return Promise.resolve();
    const reranker = catalog.models.find((m): m is RerankerModel => m.kind === 'reranker');
    const browserLanguage = globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language;
    return this.library.start(
      {
        catalog,
        chosenId: () => readSettings().embedderId,
        recommend: (docs) => recommendEmbedder(catalog, caps, { browserLanguage, documents: mainOtherLanguage(docs) }),
        modelBaseUrl: this.modelBaseUrl,
        // Documents on a real GPU, questions on WASM, both from the same file (device/embed-policy.ts).
        onDevice: (model) => planDocumentEmbedding(model, caps.gpu, readEmbedDevice()),
        saveChoice: (embedderId) => {
          // Onto the stored settings: another window may have saved others since this one started.
          writeSettings({ ...readSettings(), embedderId });
          this.settings = { ...this.settings, embedderId };
        },
      },
      reranker,
    );
  }
}

const KEY = Symbol('hearth-app');

export function provideApp(app: AppState): AppState {
  return setContext(KEY, app);
}

export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
