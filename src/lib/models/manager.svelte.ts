/**
 * The model manager: every LLM of the catalog and every imported one, with what is stored of it, and
 * the actions on them — download (resumable, with progress), cancel, use (switch without a page
 * reload), delete one, delete all, import from disk. The browser's own model, where it has one, is
 * listed beside them (`builtIn`): it has no files here, and the browser downloads it itself.
 * Components get it through `useModels()`.
 */
import { getContext, setContext } from 'svelte';
import type { AnswerModel, LlmModel, LocalModel } from '../catalog/types';
import type { BuiltInOffer } from '../llm/built-in/offer';
import { writeSettings } from '../config/settings';
import { AppError, appError } from '../errors';
import type { LoadProgressEvent, StoredModelInfo } from '../../../workers/llm.protocol';
import type { AppState } from '../state/app.svelte';
import { requestPersistentStorage } from './persist';
import { DownloadProgress } from './progress.svelte';
import { recommendedFor, type Recommended } from './recommended';

export interface StorageSummary {
  usageBytes: number;
  quotaBytes: number;
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : appError('INTERNAL', { detail: String(error) });
}

export class ModelsState {
  open = $state(false);
  /** What is stored of each model, by id (filled by `refresh`). */
  stored = $state<Record<string, StoredModelInfo>>({});
  /** Downloads started from the manager, by model id. */
  downloads = $state<Record<string, DownloadProgress>>({});
  errors = $state<Record<string, AppError>>({});
  storage = $state<StorageSummary | null>(null);
  importing = $state.raw<DownloadProgress | null>(null);
  importError = $state<AppError | null>(null);
  /** A failure of the list or of "Delete all". */
  error = $state<AppError | null>(null);
  confirmDeleteAll = $state(false);
  #app: AppState;
  #aborts = new Map<string, AbortController>();

  constructor(app: AppState) {
    this.#app = app;
  }

  /** The LLMs to list: the catalog's (hidden test models only when chosen) and the imported ones. */
  get models(): LlmModel[] {
    const current = this.#app.model.model?.id;
    return (this.#app.model.catalog?.models ?? []).filter((m): m is LlmModel => m.kind === 'llm' && (!m.hidden || m.id === current));
  }

  /** The model Hearth recommends for this device and the browser's language (what it starts with when nothing is chosen). */
  get recommended(): Recommended | null {
    const { catalog, caps } = this.#app;
    return catalog && caps ? recommendedFor(catalog, caps, this.#app.builtIn.offer, globalThis.navigator?.language) : null;
  }

  /** What the browser says about its own model ('absent': nothing to list). */
  get builtIn(): BuiltInOffer {
    return this.#app.builtIn.offer;
  }

  show(): void {
    this.open = true;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    // The browser may have finished (or started) downloading its own model since it was last asked.
    void this.#app.builtIn.detect();
    try {
      const list = await this.#app.llm.call('listStored', { models: this.models.map((m) => this.#ref(m)) });
      this.stored = Object.fromEntries(list.map((s) => [s.modelId, s]));
    } catch (error) {
      this.error = asAppError(error);
    }
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    this.storage = estimate ? { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 } : null;
  }

  /** Download (or resume) a model without loading it. */
  async download(model: LlmModel): Promise<void> {
    if (this.downloads[model.id]) return;
    const abort = new AbortController();
    this.#aborts.set(model.id, abort);
    const progress = new DownloadProgress({ loadedBytes: this.stored[model.id]?.bytes ?? 0, totalBytes: model.downloadSizeMB * 1024 * 1024, phase: 'starting' });
    this.downloads[model.id] = progress;
    delete this.errors[model.id];
    void requestPersistentStorage();
    try {
      const info = await this.#app.llm.call('download', this.#ref(model), { signal: abort.signal, onEvent: (p) => progress.update(p) });
      this.stored[model.id] = info;
    } catch (error) {
      const appErr = asAppError(error);
      if (appErr.code !== 'ABORTED') this.errors[model.id] = appErr;
    } finally {
      this.#aborts.delete(model.id);
      delete this.downloads[model.id];
      await this.refresh();
    }
  }

  /** Stop a download (what is stored stays, and the next download continues from there). */
  cancel(modelId: string): void {
    this.#aborts.get(modelId)?.abort();
    if (this.#app.model.model?.id === modelId) this.#app.model.cancel();
  }

  /**
   * Make this the model answers come from, and remember the choice. For the browser's own model this
   * also starts the browser's download of it where it needs one (the click is the consent it asks for).
   */
  use(model: AnswerModel): void {
    this.#app.settings = { ...this.#app.settings, llmId: model.id };
    writeSettings($state.snapshot(this.#app.settings));
    this.#app.model.switchTo(model.id);
    // Already the chosen one but not loaded (the browser's model still to download): load it now.
    if (this.#app.model.model?.id === model.id && this.#app.model.status !== 'ready') void this.#app.model.ensureLoaded().catch(() => {});
  }

  async remove(model: LlmModel): Promise<void> {
    delete this.errors[model.id];
    this.cancel(model.id);
    try {
      await this.#app.llm.call('deleteStored', this.#ref(model));
      this.#app.model.forget(model.id);
      if (this.#app.model.local.get(model.id)) this.#forgetImported(model.id);
    } catch (error) {
      this.errors[model.id] = asAppError(error);
    }
    await this.refresh();
  }

  async removeAll(): Promise<void> {
    this.confirmDeleteAll = false;
    for (const id of this.#aborts.keys()) this.cancel(id);
    try {
      await this.#app.llm.call('deleteAll', {});
      this.#app.model.forget();
      for (const { model } of this.#app.model.local.list) this.#forgetImported(model.id);
    } catch (error) {
      this.error = asAppError(error);
    }
    await this.refresh();
  }

  async importGguf(file: File): Promise<void> {
    await this.#import((onEvent, signal) => this.#app.llm.call('importGguf', { file }, { onEvent, signal }));
  }

  async importFolder(files: File[]): Promise<void> {
    const list = files.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
    await this.#import((onEvent, signal) => this.#app.llm.call('importMlcFolder', { files: list }, { onEvent, signal }));
  }

  cancelImport(): void {
    this.#aborts.get('import')?.abort();
  }

  async #import(run: (onEvent: (p: LoadProgressEvent) => void, signal: AbortSignal) => Promise<LocalModel>): Promise<void> {
    if (this.importing) return;
    const abort = new AbortController();
    this.#aborts.set('import', abort);
    const progress = new DownloadProgress({ loadedBytes: 0, totalBytes: 0, phase: 'import' });
    this.importing = progress;
    this.importError = null;
    try {
      const local = await run((p) => progress.update(p), abort.signal);
      this.#app.model.local.add(local);
    } catch (error) {
      const appErr = asAppError(error);
      if (appErr.code !== 'ABORTED') this.importError = appErr;
    } finally {
      this.#aborts.delete('import');
      this.importing = null;
      await this.refresh();
    }
  }

  /** Drop an imported model from the list; if it was the chosen one, fall back to the recommendation. */
  #forgetImported(id: string): void {
    this.#app.model.local.remove(id);
    if (this.#app.settings.llmId === id) {
      this.#app.settings = { ...this.#app.settings, llmId: null };
      writeSettings($state.snapshot(this.#app.settings));
    }
    const { catalog, caps } = this.#app;
    if (this.#app.model.model?.id === id && catalog && caps) this.#app.model.choose(catalog, caps, null, this.#app.modelBaseUrl);
  }

  /** The catalog's records are plain objects (raw state), posted as they are: a snapshot of every model cost 7 ms of the start-up task. */
  #ref(model: LlmModel) {
    return { model, ...this.#app.model.sourceOf(model) };
  }
}

const KEY = Symbol('hearth-models');

export function provideModels(models: ModelsState): ModelsState {
  return setContext(KEY, models);
}

export function useModels(): ModelsState {
  return getContext<ModelsState>(KEY);
}
